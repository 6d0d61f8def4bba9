namespace Firmware.Deployment;

/// <summary>The one typed error of sealing and updating: nothing of the running slot was changed.</summary>
public sealed class DeploymentException : Exception
{
    /// <summary>Creates the error.</summary>
    public DeploymentException(DeploymentError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Creates the error without detail.</summary>
    public DeploymentException()
        : this(DeploymentError.Malformed, "Deployment error.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public DeploymentException(string message)
        : this(DeploymentError.Malformed, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public DeploymentException(string message, Exception innerException)
        : this(DeploymentError.Malformed, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public DeploymentError Error { get; }
}
