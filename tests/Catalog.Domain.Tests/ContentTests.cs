using Catalog.Domain;
using Catalog.Domain.Files;

namespace Catalog.Domain.Tests;

public sealed class ContentTests
{
    private static readonly UploadPolicy Policy = new(
        ["image/*", "text/*", "application/pdf", "application/zip", "application/octet-stream",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
        ["application/x-msdownload", "text/x-shellscript", "text/html", "image/svg+xml"],
        new Dictionary<ContentCategory, long>
        {
            [ContentCategory.Image] = 10, [ContentCategory.Video] = 20, [ContentCategory.Audio] = 30,
            [ContentCategory.Document] = 40, [ContentCategory.Other] = 50,
        });

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1 }, "image/jpeg")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "application/pdf")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "application/zip")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "application/x-msdownload")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46 }, "application/x-executable")]
    [InlineData(new byte[] { 0x23, 0x21, 0x2F, 0x62 }, "text/x-shellscript")]
    [InlineData(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70 }, "video/mp4")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, "audio/wav")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90 }, "audio/mpeg")]
    [InlineData(new byte[] { 0x68, 0x69, 0x0A }, "text/plain")]
    [InlineData(new byte[] { 0xC3, 0xA9, 0xC3 }, "text/plain")] // é, then a character cut by the head's end
    [InlineData(new byte[] { 0x68, 0x00, 0x69 }, "application/octet-stream")]
    [InlineData(new byte[] { 0xC3, 0x28, 0x41, 0x41 }, "application/octet-stream")]
    [InlineData(new byte[0], "text/plain")]
    public void The_first_bytes_decide_the_type(byte[] head, string expected) =>
        Assert.Equal(expected, ContentSniffer.Sniff(head));

    [Theory]
    [InlineData("<!DOCTYPE html><p>hi", "text/html")]
    [InlineData("\uFEFF  \n<HTML lang=en>", "text/html")]
    [InlineData("<!-- generated -->\n<html><script>alert(1)</script>", "text/html")]
    [InlineData("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\"><svg/>", "image/svg+xml")]
    [InlineData("<svg onload=alert(1)/>", "image/svg+xml")]
    [InlineData("<!-- x --><svg onload=alert(1)/>", "image/svg+xml")]
    [InlineData("<?xml version=\"1.0\"?><s:svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:script/></s:svg>", "image/svg+xml")]
    [InlineData("<script setup>const a = 1</script>\n<template><p>{{ a }}</p></template>", "text/plain")] // a Vue component
    [InlineData("<?xml version=\"1.0\"?><project><target><script language=\"javascript\"/></target></project>", "text/plain")] // Ant
    [InlineData("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"/></content></feed>", "text/plain")]
    [InlineData("<svgIcon name=\"x\"/>", "text/plain")]
    [InlineData("<!-- never closed <html>", "text/plain")]
    [InlineData("<?xml version=\"1.0\"?>\n<!-- a logo -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>", "image/svg+xml")]
    [InlineData("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"/>", "text/html")]
    [InlineData("<?xml version=\"1.0\"?><note><to>Tove</to></note>", "text/plain")]
    [InlineData("<p align=\"center\">a readme's logo</p>", "text/plain")]
    [InlineData("<htmlish>not a page</htmlish>", "text/plain")]
    [InlineData("a < b, and <html> later", "text/plain")]
    public void Text_that_opens_as_a_page_or_an_svg_is_sniffed_as_one(string text, string expected) =>
        Assert.Equal(expected, ContentSniffer.Sniff(System.Text.Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("application/octet-stream", "image/png", "image/png", ContentCategory.Image, 10L)]
    [InlineData("image/png", "image/png", "image/png", ContentCategory.Image, 10L)]
    [InlineData("text/csv", "text/plain", "text/csv", ContentCategory.Document, 40L)]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ContentCategory.Document, 40L)]
    [InlineData("application/octet-stream", "application/octet-stream", "application/octet-stream", ContentCategory.Other, 50L)]
    public void Accepted_content_gets_its_type_and_limit(string declared, string sniffed, string type, ContentCategory category, long max)
    {
        var (accepted, error) = ContentDecisions.Accept(declared, sniffed, Policy);

        Assert.Null(error);
        Assert.Equal(new AcceptedContent(type, category, max), accepted);
    }

    [Theory]
    [InlineData("image/jpeg", "image/png")]            // the bytes contradict the claim
    [InlineData("image/png", "text/plain")]            // a signature type without its signature
    [InlineData("image/png", "application/octet-stream")]
    [InlineData("application/octet-stream", "application/x-msdownload")] // denied by its bytes
    [InlineData("text/plain", "text/x-shellscript")]
    [InlineData("text/html", "text/plain")]            // denied by name
    [InlineData("application/octet-stream", "text/html")] // denied by its bytes
    [InlineData("application/octet-stream", "image/svg+xml")]
    [InlineData("application/x-custom", "application/octet-stream")] // not allowed
    public void Contradicted_denied_or_unlisted_content_is_refused(string declared, string sniffed)
    {
        var (accepted, error) = ContentDecisions.Accept(declared, sniffed, Policy);

        Assert.Null(accepted);
        Assert.Equal(ErrorKind.UnsupportedContent, error?.Kind);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(10, null)]
    [InlineData(11, ErrorKind.TooLarge)] // one byte over the type's limit
    public void A_file_may_reach_its_types_limit_and_not_pass_it(long size, ErrorKind? expected)
    {
        var (image, _) = ContentDecisions.Accept("image/png", "image/png", Policy);

        Assert.Equal(expected, ContentDecisions.CheckSize(image!, size)?.Kind);
    }

    [Theory]
    [InlineData(0, 0, 10, null)]
    [InlineData(90, 4, 10, null)]
    [InlineData(90, 4, 11, ErrorKind.QuotaExceeded)]   // one byte over
    [InlineData(0, 5, 0, ErrorKind.QuotaExceeded)]     // one file over
    [InlineData(10, 0, long.MaxValue, ErrorKind.QuotaExceeded)] // a sum that would wrap around to a negative number
    [InlineData(120, 0, 0, ErrorKind.QuotaExceeded)]   // already over a quota lowered since
    public void The_quota_holds_at_its_edge(long usedBytes, long usedFiles, long incoming, ErrorKind? expected)
    {
        var error = QuotaDecisions.Check(new Usage(usedBytes, usedFiles), incoming, new Quota(100, 5));

        Assert.Equal(expected, error?.Kind);
    }
}
