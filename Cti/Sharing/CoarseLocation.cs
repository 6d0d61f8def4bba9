namespace Cti.Sharing;

/// <summary>
/// A position rounded to a coarse grid before it leaves the vehicle (ITU-T X.1382 §7.3
/// desensitisation: location is personal data, X.1382 §6.2 c).
/// </summary>
public readonly record struct CoarseLocation
{
    private CoarseLocation(double latitude, double longitude, int decimals)
    {
        Latitude = latitude;
        Longitude = longitude;
        Decimals = decimals;
    }

    /// <summary>Rounded latitude in degrees.</summary>
    public double Latitude { get; }

    /// <summary>Rounded longitude in degrees.</summary>
    public double Longitude { get; }

    /// <summary>Decimal places kept (2 is about 1.1 km of latitude).</summary>
    public int Decimals { get; }

    /// <summary>Rounds a precise position to <paramref name="decimals"/> decimal places (0-3).</summary>
    public static CoarseLocation Round(double latitudeDegrees, double longitudeDegrees, int decimals)
    {
        if (latitudeDegrees is < -90 or > 90 || double.IsNaN(latitudeDegrees))
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDegrees), latitudeDegrees, "latitude is -90..90 degrees");
        }

        if (longitudeDegrees is < -180 or > 180 || double.IsNaN(longitudeDegrees))
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDegrees), longitudeDegrees, "longitude is -180..180 degrees");
        }

        if (decimals is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "a coarse location keeps 0 to 3 decimals");
        }

        return new CoarseLocation(
            Math.Round(latitudeDegrees, decimals, MidpointRounding.AwayFromZero),
            Math.Round(longitudeDegrees, decimals, MidpointRounding.AwayFromZero),
            decimals);
    }
}
