namespace Catalog.Api.Diagnostics;

/// <summary>
/// A setting the service cannot start with: missing, or not in the form it takes. The message names it and says how to
/// set it.
/// </summary>
public sealed class InvalidSettingException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
