using GraphQL.Types;
using static Catalog.IntegrationTests.GraphQL.Sweep.SweepValue;

namespace Catalog.IntegrationTests.GraphQL.Sweep;

/// <summary>
/// A valid value for every argument the sweep does not vary, so the varied one is what the server judges: the caller's
/// own file for an id, a well-formed sha256 and name for an upload, an email no account has yet. Optional arguments
/// and input fields are left out.
/// </summary>
public sealed class SweepBaselines(Guid ownFileId, IReadOnlyList<HostileCase> foreignIds)
{
    public const string Email = "sweep@example.test";

    /// <summary>Ids that look right but name what the caller may not touch: another user's file and direct upload.</summary>
    public IReadOnlyList<HostileCase> ForeignIds => foreignIds;

    public SweepValue For(IGraphType type, string name)
    {
        var inner = type is NonNullGraphType nonNull ? nonNull.ResolvedType! : type;
        return inner switch
        {
            ListGraphType list => new ListValue([For(list.ResolvedType!, name)]),
            IInputObjectGraphType input => ForInput(input),
            EnumerationGraphType enumeration => Enum(enumeration.Values.First().Name),
            ScalarGraphType { Name: "ID" } => Text(ownFileId.ToString()),
            ScalarGraphType { Name: "Int" or "Long" } => Number("1"),
            ScalarGraphType { Name: "DateTimeOffset" } => Text("2026-01-01T00:00:00Z"),
            // A file comes only as a part of a multipart request, which the sweep does not send.
            ScalarGraphType { Name: "Upload" } => Null,
            ScalarGraphType { Name: "String" } => Text(name switch
            {
                "email" => Email,
                "password" => "correct horse battery",
                "fileName" => "sweep.txt",
                "contentType" => "text/plain",
                "sha256" => new string('a', 64),
                "kinds" => "FileUploaded",
                _ => "sweep",
            }),
            _ => throw new InvalidOperationException($"No valid value for {inner} ({name})."),
        };
    }

    public ObjectValue ForInput(IInputObjectGraphType input) =>
        new(input.Fields.Where(f => f.ResolvedType is NonNullGraphType).Select(f => (f.Name, For(f.ResolvedType!, f.Name))).ToList());
}
