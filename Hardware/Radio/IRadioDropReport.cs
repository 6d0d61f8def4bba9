namespace Hardware.Radio;

/// <summary>
/// A radio link whose bounded receive queue says which frames it dropped, so that the receiver can remember them:
/// an exact copy arriving later is then a duplicate, not a first sighting (Docs/trust-decisions.md, "Under load").
/// </summary>
public interface IRadioDropReport
{
    /// <summary>Raised, on the link's receiving thread, for every received frame its queue dropped unread.</summary>
    event Action<RadioFrame>? FrameDropped;
}
