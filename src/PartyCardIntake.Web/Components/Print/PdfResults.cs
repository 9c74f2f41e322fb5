using System.Net.Mime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using PartyCardIntake.Infrastructure.Pdf;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Components.Print;

/// <summary>Turns a rendered document into the HTTP answer: the PDF, or a Vietnamese 503 when printing is unavailable.</summary>
public static class PdfResults
{
    /// <summary>Page numbers at the foot of every page ("Trang 1/3").</summary>
    public static string PageNumberFooter =>
        "<div style=\"width:100%;text-align:center;font-family:'DejaVu Sans',sans-serif;font-size:8pt;color:#444\">"
        + string.Format(Ui.Culture, Ui.Print_PageOf, "<span class=\"pageNumber\"></span>", "<span class=\"totalPages\"></span>")
        + "</div>";

    /// <summary>
    /// Prints <paramref name="html"/> and answers with it shown in the browser (it can still be saved
    /// under <paramref name="fileName"/>). Documents carry personal data, so nothing may cache them.
    /// </summary>
    public static async Task<IResult> PdfAsync(
        HttpContext context,
        IPdfRenderer renderer,
        string html,
        string fileName,
        PdfPageOptions? page = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(renderer);
        byte[] pdf;
        try
        {
            pdf = await renderer.RenderAsync(html, page, context.RequestAborted);
        }
        catch (PdfUnavailableException e)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PdfResults))
                .LogError(e, "PDF printing is unavailable");
            return Unavailable(context);
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentDisposition =
            new ContentDispositionHeaderValue(DispositionTypeNames.Inline) { FileName = fileName }.ToString();
        return TypedResults.File(pdf, MediaTypeNames.Application.Pdf);
    }

    /// <summary>Status 503: a page for people, a problem document for API clients.</summary>
    public static IResult Unavailable(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return TypedResults.Problem(title: Ui.Print_Unavailable_Title, detail: Ui.Print_Unavailable_Text, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return new RazorComponentResult<PdfUnavailablePage> { StatusCode = StatusCodes.Status503ServiceUnavailable };
    }
}
