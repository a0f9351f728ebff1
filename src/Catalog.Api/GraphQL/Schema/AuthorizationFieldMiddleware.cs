using Catalog.Api.Errors;
using Catalog.Api.GraphQL.Transport;
using GraphQL;
using GraphQL.Instrumentation;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>Enforces <c>[Authorize]</c> (and its roles) on fields: anonymous gets UNAUTHENTICATED, a missing role FORBIDDEN.</summary>
public sealed class AuthorizationFieldMiddleware : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var field = context.FieldDefinition;
        if (field.IsAuthorizationRequired() || context.ParentType.IsAuthorizationRequired())
        {
            var user = context.User;
            if (user?.Identity?.IsAuthenticated != true)
                throw CatalogProblem.Unauthenticated(
                    context.UserContext.TryGetValue(GraphQLOperationRunner.TokenRefusalKey, out var why) ? why as string : null);
            var roles = field.GetRoles();
            if (roles is { Count: > 0 } && !roles.Any(user.IsInRole))
                throw new CatalogProblem(ErrorCode.Forbidden,
                    $"'{field.Name}' needs one of the roles: {string.Join(", ", roles)}.");
        }

        return next(context);
    }
}
