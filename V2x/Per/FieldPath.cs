namespace V2x.Per;

/// <summary>
/// The dotted path of the ASN.1 component being encoded or decoded (for example
/// <c>CAM.cam.camParameters.basicContainer.stationType</c>), shared by a reader or writer and the
/// nested readers and writers it creates for open types. Only turned into a string on error.
/// </summary>
internal sealed class FieldPath
{
    private readonly List<string> _segments = [];

    public FieldPath(string root)
    {
        _segments.Add(root);
    }

    public int Depth => _segments.Count;

    public void Push(string name) => _segments.Add(name);

    public void PopTo(int depth)
    {
        if (_segments.Count > depth)
        {
            _segments.RemoveRange(depth, _segments.Count - depth);
        }
    }

    public string Describe(string? leaf) =>
        string.IsNullOrEmpty(leaf) ? string.Join('.', _segments) : string.Join('.', _segments) + "." + leaf;
}
