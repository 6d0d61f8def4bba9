namespace V2x.Per;

/// <summary>
/// The dotted path of the ASN.1 component being encoded or decoded (for example
/// <c>CAM.cam.camParameters.basicContainer.stationType</c>), shared by a reader or writer and the
/// nested readers and writers it creates for open types. Only turned into a string on error.
/// </summary>
internal sealed class FieldPath
{
    private readonly List<string> segments = [];

    public FieldPath(string root)
    {
        segments.Add(root);
    }

    public int Depth => segments.Count;

    public void Push(string name) => segments.Add(name);

    public void PopTo(int depth)
    {
        if (segments.Count > depth)
        {
            segments.RemoveRange(depth, segments.Count - depth);
        }
    }

    public string Describe(string? leaf) =>
        string.IsNullOrEmpty(leaf) ? string.Join('.', segments) : string.Join('.', segments) + "." + leaf;
}
