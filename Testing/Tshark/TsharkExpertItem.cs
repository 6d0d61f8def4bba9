namespace Testing.Tshark;

/// <summary>One expert-info item tshark attached to a frame (PDML field <c>_ws.expert</c>).</summary>
/// <param name="Severity">Comment, chat, note, warning or error.</param>
/// <param name="Group">The expert group number (for example 0x07000000 PI_MALFORMED).</param>
/// <param name="Message">The expert message.</param>
/// <param name="Protocol">The protocol the item sits under (for example <c>geonw</c>, <c>its</c>, <c>_ws.malformed</c>).</param>
public sealed record TsharkExpertItem(TsharkSeverity Severity, int Group, string Message, string Protocol)
{
    public override string ToString() => $"{Severity} [{Protocol}] {Message}";
}
