using System.Globalization;
using System.Text;
using Cti.Stix;

namespace Cti.Patterning;

/// <summary>
/// Splits a pattern into tokens following the lexer rules of the STIX 2.1 patterning grammar
/// (§9.2-§9.4 and the OASIS ANTLR grammar STIXPattern.g4): keywords are upper case, booleans
/// lower case, string literals single-quoted with only <c>\'</c> and <c>\\</c> escapes,
/// <c>t'…'</c> timestamps, <c>b'…'</c> base64 and <c>h'…'</c> hex literals.
/// </summary>
internal sealed class PatternLexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["AND"] = TokenKind.And,
        ["OR"] = TokenKind.Or,
        ["NOT"] = TokenKind.Not,
        ["FOLLOWEDBY"] = TokenKind.FollowedBy,
        ["LIKE"] = TokenKind.Like,
        ["MATCHES"] = TokenKind.Matches,
        ["ISSUBSET"] = TokenKind.IsSubset,
        ["ISSUPERSET"] = TokenKind.IsSuperset,
        ["EXISTS"] = TokenKind.Exists,
        ["IN"] = TokenKind.In,
        ["START"] = TokenKind.Start,
        ["STOP"] = TokenKind.Stop,
        ["SECONDS"] = TokenKind.Seconds,
        ["WITHIN"] = TokenKind.Within,
        ["REPEATS"] = TokenKind.Repeats,
        ["TIMES"] = TokenKind.Times,
    };

    private readonly string _text;
    private int _pos;

    public PatternLexer(string text)
    {
        _text = text;
    }

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                tokens.Add(new Token(TokenKind.End, _pos, string.Empty));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new StixPatternException(_pos, "unterminated comment");
                }

                _pos = end + 2;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _text.Length && _text[_pos] is not ('\n' or '\r'))
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private Token Next()
    {
        var start = _pos;
        var c = _text[_pos];
        switch (c)
        {
            case '[': _pos++; return new Token(TokenKind.LeftBracket, start, "[");
            case ']': _pos++; return new Token(TokenKind.RightBracket, start, "]");
            case '(': _pos++; return new Token(TokenKind.LeftParen, start, "(");
            case ')': _pos++; return new Token(TokenKind.RightParen, start, ")");
            case ':': _pos++; return new Token(TokenKind.Colon, start, ":");
            case ',': _pos++; return new Token(TokenKind.Comma, start, ",");
            case '*': _pos++; return new Token(TokenKind.Asterisk, start, "*");
            case '=':
                _pos += Peek(1) == '=' ? 2 : 1;
                return new Token(TokenKind.Equal, start, "=");
            case '!' when Peek(1) == '=':
                _pos += 2;
                return new Token(TokenKind.NotEqual, start, "!=");
            case '<':
                if (Peek(1) == '=')
                {
                    _pos += 2;
                    return new Token(TokenKind.LessOrEqual, start, "<=");
                }

                if (Peek(1) == '>')
                {
                    _pos += 2;
                    return new Token(TokenKind.NotEqual, start, "<>");
                }

                _pos++;
                return new Token(TokenKind.Less, start, "<");
            case '>':
                if (Peek(1) == '=')
                {
                    _pos += 2;
                    return new Token(TokenKind.GreaterOrEqual, start, ">=");
                }

                _pos++;
                return new Token(TokenKind.Greater, start, ">");
            case '\'':
                var quoted = ReadQuoted();
                return new Token(TokenKind.StringLiteral, start, _text[start.._pos], quoted);
            case '.' when !char.IsAsciiDigit(Peek(1)):
                _pos++;
                return new Token(TokenKind.Dot, start, ".");
        }

        if (c is 't' or 'b' or 'h' && Peek(1) == '\'')
        {
            return PrefixedLiteral(c, start);
        }

        if (char.IsAsciiDigit(c) || c == '.' || (c is '-' or '+' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) == '.' && char.IsAsciiDigit(Peek(2))))))
        {
            return Number(start);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-'))
            {
                _pos++;
            }

            var word = _text[start.._pos];
            if (Keywords.TryGetValue(word, out var keyword))
            {
                return new Token(keyword, start, word);
            }

            return word is "true" or "false"
                ? new Token(TokenKind.BooleanLiteral, start, word, word == "true")
                : new Token(TokenKind.Identifier, start, word, word);
        }

        throw new StixPatternException(start, $"unexpected character '{c}'");
    }

    private string ReadQuoted()
    {
        var start = _pos;
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\'')
            {
                _pos++;
                return sb.ToString();
            }

            if (c == '\\')
            {
                var next = Peek(1);
                if (next is not ('\'' or '\\'))
                {
                    throw new StixPatternException(_pos, "only \\' and \\\\ escapes are allowed in a string literal");
                }

                sb.Append(next);
                _pos += 2;
                continue;
            }

            sb.Append(c);
            _pos++;
        }

        throw new StixPatternException(start, "unterminated string literal");
    }

    private Token PrefixedLiteral(char prefix, int start)
    {
        _pos++; // prefix letter
        var body = ReadQuoted();
        switch (prefix)
        {
            case 't':
                if (!StixTimestamp.TryParse(body, out var ts))
                {
                    throw new StixPatternException(start, $"t'{body}' is not a valid timestamp");
                }

                return new Token(TokenKind.TimestampLiteral, start, "t'" + body + "'", ts);
            case 'b':
                if (body.Length == 0 || body.Length % 4 != 0 || !IsBase64(body))
                {
                    throw new StixPatternException(start, $"b'{body}' is not valid base64");
                }

                return new Token(TokenKind.BinaryLiteral, start, "b'" + body + "'", Convert.FromBase64String(body));
            default:
                if (body.Length % 2 != 0 || !body.All(char.IsAsciiHexDigit))
                {
                    throw new StixPatternException(start, $"h'{body}' is not an even number of hex digits");
                }

                return new Token(TokenKind.HexLiteral, start, "h'" + body + "'", Convert.FromHexString(body));
        }
    }

    private static bool IsBase64(string s)
    {
        var padding = s.EndsWith("==", StringComparison.Ordinal) ? 2 : s.EndsWith('=') ? 1 : 0;
        for (var i = 0; i < s.Length - padding; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(s[i]) || s[i] is '+' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    private Token Number(int start)
    {
        if (_text[_pos] is '+' or '-')
        {
            _pos++;
        }

        var intStart = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }

        var isFloat = false;
        if (_pos < _text.Length && _text[_pos] == '.' && char.IsAsciiDigit(Peek(1)))
        {
            isFloat = true;
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }
        }

        var text = _text[start.._pos];
        if (isFloat)
        {
            return new Token(TokenKind.FloatLiteral, start, text, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        // IntPosLiteral / IntNegLiteral: '0' | [1-9][0-9]* (no leading zeros).
        if (_pos - intStart > 1 && _text[intStart] == '0')
        {
            throw new StixPatternException(start, $"'{text}' has a leading zero");
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new StixPatternException(start, $"'{text}' does not fit a 64-bit integer");
        }

        return new Token(TokenKind.IntegerLiteral, start, text, value);
    }
}
