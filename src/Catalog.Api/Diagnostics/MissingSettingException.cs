namespace Catalog.Api.Diagnostics;

/// <summary>A setting the service cannot start without is not there; the message names it and how to set it.</summary>
public sealed class MissingSettingException(string message) : InvalidOperationException(message);
