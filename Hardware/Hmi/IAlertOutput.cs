namespace Hardware.Hmi;

/// <summary>Visual and audible alert outputs.</summary>
public interface IAlertOutput
{
    /// <summary>Raises (or updates) an alert.</summary>
    void Raise(HmiAlert alert);

    /// <summary>Clears an alert; returns false when it was not raised.</summary>
    bool Clear(string alertId);
}
