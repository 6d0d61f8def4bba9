namespace V2x.Oer;

/// <summary>The tag class carried in bits 8-7 of an OER CHOICE tag (ITU-T X.696 §8.7.1).</summary>
public enum OerTagClass
{
    Universal = 0,
    Application = 1,
    Context = 2,
    Private = 3,
}
