using System.Text;
using Catalog.Api.Auth;
using Catalog.Sync;
using Catalog.Sync.Purge;
using Catalog.Sync.Settings;
using Catalog.Sync.Storage;
using Catalog.Api.Files.Upload;
using Catalog.Api.GraphQL.Schema.Limits;
using Catalog.Api.GraphQL.Transport;
using Microsoft.Extensions.Configuration;

namespace Catalog.IntegrationTests.Configuration;

/// <summary>
/// A list or a group of settings given as one plain value is refused instead of dropped; given as items, or empty, it is
/// not, and a setting that is one value takes one.
/// </summary>
public sealed class OneValueSettingsTests
{
    private static IConfiguration Settings(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();

    [Fact]
    public void Items_numbered_as_the_binder_reads_them_are_accepted() =>
        Assert.Empty(OneValueSettings.GivenAsOneValue<AuthOptions>(
            Settings(("Auth:Admins:0", "a@x.test"), ("Auth:Admins:1", "b@x.test"), ("Auth:Auditors:0", "c@x.test")), AuthOptions.Section));

    [Fact]
    public void Empty_json_arrays_and_empty_values_are_the_empty_lists_they_say()
    {
        var json = """{ "Uploads": { "AllowedTypes": [], "DeniedTypes": null, "MaxBytesByCategory": {} } }""";
        var fromJson = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        Assert.Empty(OneValueSettings.GivenAsOneValue<UploadOptions>(fromJson, UploadOptions.Section));
        Assert.Empty(OneValueSettings.GivenAsOneValue<AuthOptions>(Settings(("Auth:Admins", "")), AuthOptions.Section));
    }

    [Fact]
    public void Every_setting_that_is_one_value_takes_a_plain_value()
    {
        var settings = Settings(("Auth:Authority", "https://issuer.example.test/realm"), ("Auth:TokenLifetime", "01:00:00"),
            ("Auth:RequireHttpsMetadata", "true"), ("Auth:Issuer", "x"), ("GraphQL:MaxRequestBytes", "2048"));

        Assert.Empty(OneValueSettings.GivenAsOneValue<AuthOptions>(settings, AuthOptions.Section));
        Assert.Empty(OneValueSettings.GivenAsOneValue<GraphQLTransportOptions>(settings, GraphQLTransportOptions.Section));
    }

    [Fact]
    public void A_group_of_settings_given_as_one_value_is_refused_naming_one_of_its_settings() =>
        Assert.Equal(
            "GraphQL:Batching is a group of settings: give each as GraphQL__Batching__<name>, e.g. GraphQL__Batching__Enabled.",
            Assert.Single(OneValueSettings.GivenAsOneValue<GraphQLTransportOptions>(Settings(("GraphQL:Batching", "true")), GraphQLTransportOptions.Section)));

    [Fact]
    public void A_whole_section_given_as_one_value_is_refused_naming_one_of_its_settings() =>
        Assert.Equal(
            "GraphQL:Limits is a group of settings: give each as GraphQL__Limits__<name>.",
            Assert.Single(OneValueSettings.GivenAsOneValue<GraphQLLimitsOptions>(Settings(("GraphQL:Limits", "5")), GraphQLLimitsOptions.Section)));

    [Fact]
    public void One_plain_value_is_refused_even_beside_items()
    {
        var failure = Assert.Single(OneValueSettings.GivenAsOneValue<UploadOptions>(
            Settings(("Uploads:AllowedTypes", "image/png"), ("Uploads:AllowedTypes:0", "image/jpeg")), UploadOptions.Section));

        Assert.Equal("Uploads:AllowedTypes is a list: give each item as Uploads__AllowedTypes__0, Uploads__AllowedTypes__1, … " +
                     "(or a JSON array in appsettings.json).", failure);
    }

    [Fact]
    public void A_duration_given_as_a_bare_number_is_refused_with_the_readings_it_may_have_meant()
    {
        var failure = Assert.Single(BareNumberDurations.Given<AuthOptions>(Settings(("Auth:TokenLifetime", " 30 ")), AuthOptions.Section));

        Assert.Equal("Auth:TokenLifetime is 30, which .NET reads as 30 days: give a duration as [d.]hh:mm:ss, e.g. " +
                     "00:00:30 for 30 seconds, 00:30:00 for 30 minutes, 30.00:00:00 for 30 days.", failure);
    }

    [Fact]
    public void A_bare_number_too_large_to_be_seconds_within_a_day_is_offered_only_as_days() =>
        Assert.Equal("Deletion:RetentionPeriod is 100000, which .NET reads as 100000 days: give a duration as [d.]hh:mm:ss, e.g. " +
                     "100000.00:00:00 for 100000 days.",
            Assert.Single(BareNumberDurations.Given<DeletionOptions>(Settings(("Deletion:RetentionPeriod", "100000")), DeletionOptions.Section)));

    [Fact]
    public void A_negative_bare_number_is_refused_too_offering_the_readings_a_setting_can_take() =>
        Assert.Equal("Sync:RetryCooldown is -5, which .NET reads as -5 days: give a duration as [d.]hh:mm:ss, e.g. " +
                     "00:00:05 for 5 seconds, 00:05:00 for 5 minutes, 5.00:00:00 for 5 days.",
            Assert.Single(BareNumberDurations.Given<SyncOptions>(Settings(("Sync:RetryCooldown", "-5")), SyncOptions.Section)));

    [Fact]
    public void A_bare_number_of_a_day_or_more_of_minutes_is_not_offered_as_minutes() =>
        Assert.Equal("Storage:Local:StallTimeout is 3600, which .NET reads as 3600 days: give a duration as [d.]hh:mm:ss, e.g. " +
                     "01:00:00 for 3600 seconds, 3600.00:00:00 for 3600 days.",
            Assert.Single(BareNumberDurations.Given<LocalTierOptions>(Settings(("Storage:Local:StallTimeout", "3600")), LocalTierOptions.Section)));

    [Fact]
    public void Durations_written_with_their_units_zero_and_numbers_that_are_not_durations_pass()
    {
        var settings = Settings(("Auth:TokenLifetime", "00:30:00"), ("Sync:AttemptTimeout", "1.00:00:00"), ("Sync:StallCheckInterval", "00:00:02.500"),
            ("Sync:StallAfter", "5:00"), ("Sync:BatchSize", "100"), ("Sync:AttemptsPerFile", "3"), ("Sync:RetryCooldown", "0"));

        Assert.Empty(BareNumberDurations.Given<AuthOptions>(settings, AuthOptions.Section));
        Assert.Empty(BareNumberDurations.Given<SyncOptions>(settings, SyncOptions.Section));
    }

    [Fact]
    public void A_duration_inside_a_group_of_settings_is_checked_under_its_full_key() =>
        Assert.StartsWith("Outer:Inner:Wait is 15, which .NET reads as 15 days",
            Assert.Single(BareNumberDurations.Given<Outer>(Settings(("Outer:Inner:Wait", "15")), "Outer")),
            StringComparison.Ordinal);

    private sealed class Outer
    {
        public Group Inner { get; set; } = new();

        public sealed class Group
        {
            public TimeSpan? Wait { get; set; }
        }
    }
}
