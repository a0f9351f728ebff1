using System.Reflection;
using System.Reflection.Emit;

namespace Catalog.IntegrationTests.Architecture;

/// <summary>
/// The types a method's code names: the declaring types of what it calls, creates and reads, and the types it tests,
/// casts to or loads. Read from its IL, whose every instruction is an opcode and an operand of a size the opcode gives.
/// </summary>
internal static class MethodIl
{
    private static readonly Dictionary<short, OpCode> ByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IEnumerable<Type> TypesNamedBy(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var code = il[at] == 0xFE ? ByValue[(short)(0xFE00 | il[at + 1])] : ByValue[il[at]];
            at += code.Size;
            if (code.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType
                && Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments) is { } named)
                yield return named;
            at += OperandSize(code.OperandType, il, at);
        }
    }

    private static Type? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments) switch
            {
                Type type => type,
                { } member => member.DeclaringType,
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            return null; // a member of a generic type whose arguments this context cannot give
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
