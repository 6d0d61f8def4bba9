using System.CommandLine;

namespace CommandLine;

/// <summary>
/// A command on something kept in a folder (a PKI, a posture server's store): the folder as its argument, then the
/// command's options; the action gets the folder's contents opened, and they are disposed after it.
/// </summary>
public static class FolderCommand
{
    /// <summary>The folder argument alone, for a command that opens the folder its own way.</summary>
    public static Argument<string> Folder(string description) => new("folder") { Description = description };

    /// <summary>A command whose action runs on <paramref name="open"/>(folder).</summary>
    public static Command Create<T>(string name, string description, string folderDescription, Func<string, T> open, Action<ParseResult, T> act, params Option[] options)
        where T : IDisposable
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(act);
        var folder = Folder(folderDescription);
        var command = new Command(name, description) { folder };
        foreach (var option in options)
        {
            command.Add(option);
        }

        command.SetAction(p =>
        {
            using var opened = open(p.GetRequiredValue(folder));
            act(p, opened);
        });
        return command;
    }
}
