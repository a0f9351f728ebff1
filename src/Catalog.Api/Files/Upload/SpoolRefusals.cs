namespace Catalog.Api.Files.Upload;

/// <summary>
/// The log category of uploads the spool could not take (ADR 0099). A full spool refuses every upload until room comes
/// back, each with the same warning, so the console holds back its repeats as it does a library's (ADR 0096).
/// </summary>
public sealed class SpoolRefusals
{
    private SpoolRefusals()
    {
    }
}
