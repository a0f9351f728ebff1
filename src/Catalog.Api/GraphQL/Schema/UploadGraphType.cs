using Catalog.Api.Files.Upload;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>The <c>Upload</c> scalar of the GraphQL multipart request spec: its value only ever comes from a file part.</summary>
public sealed class UploadGraphType : ScalarGraphType
{
    public UploadGraphType()
    {
        Name = "Upload";
        Description = "A file sent as a part of a multipart request (GraphQL multipart request spec).";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null or IncomingFile => value,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue
        ? null
        : throw new InvalidOperationException("An Upload can only be given as a variable filled by a multipart request's file part.");

    public override object? Serialize(object? value) =>
        throw new InvalidOperationException("An Upload is input only.");
}
