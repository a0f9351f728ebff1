using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace Catalog.Api.GraphQL.Schema.Limits;

/// <summary>
/// Parses operations for both transports, refusing a document with too many tokens before the parser allocates
/// its syntax tree, and one nested deeper than the parser's recursion guard.
/// </summary>
public sealed class LimitedDocumentBuilder(IOptions<GraphQLLimitsOptions> limits) : IDocumentBuilder
{
    public GraphQLDocument Build(string body)
    {
        var settings = limits.Value;
        var tokens = CountTokens(body, settings.MaxTokens + 1);
        if (tokens > settings.MaxTokens)
            throw new LimitExceededError(LimitReason.Tokens,
                $"The document has more than {settings.MaxTokens} tokens, the most this server accepts.");
        try
        {
            return Parser.Parse(body, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = settings.MaxParserDepth });
        }
        catch (GraphQLMaxDepthExceededException)
        {
            throw new LimitExceededError(LimitReason.ParserDepth,
                $"The document is nested deeper than {settings.MaxParserDepth} levels, the most this server parses.");
        }
        catch (GraphQLSyntaxErrorException e)
        {
            throw new SyntaxError(e);
        }
    }

    /// <summary>Counts tokens up to <paramref name="stopAt"/>; a lexing error stops the count and is left to the parser.</summary>
    private static int CountTokens(string body, int stopAt)
    {
        var count = 0;
        var position = 0;
        try
        {
            while (count < stopAt)
            {
                var token = Lexer.Lex(body, position);
                if (token.Kind == TokenKind.EOF)
                    break;
                count++;
                position = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
        }
        return count;
    }
}
