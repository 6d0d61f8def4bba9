namespace Cti.Patterning;

/// <summary>One token: kind, decoded value, and where it starts.</summary>
internal readonly record struct Token(TokenKind Kind, int Offset, string Text, object? Value = null);
