using System.Text.Json;
using Bounceback.Core.Bounces;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Microsoft.AspNetCore.Http;

namespace Bounceback.Web;

/// <summary>The server-rendered pages: the explain page with its answer, the code catalog and code permalinks.</summary>
internal sealed class Pages(HttpContext http)
{
    private static ExplanationCatalog Catalog => Diagnoser.Default.Catalog;

    private readonly Language _language = LanguageChoice.Of(http);

    private string T(string key) => Catalog.Text(key, _language);

    private string LangToken => _language.Token();

    /// <summary>A path on this site with the current language remembered in the query.</summary>
    private string Link(string path, string? query = null) =>
        path + "?lang=" + LangToken + (string.IsNullOrEmpty(query) ? "" : "&q=" + Uri.EscapeDataString(query));

    public string Explain(string? text, Analysis? analysis, string? errorKey)
    {
        var h = new Html();
        h.Element("h1", T("web.explain.heading"));
        h.Element("p", T("web.intro"), ("class", "intro"));
        h.Open("form", ("method", "post"), ("action", Link("/")), ("enctype", "multipart/form-data"), ("id", "explain-form"), ("class", "explain"));
        h.Element("label", T("web.form.text-label"), ("for", "text"));
        h.Element("p", T("web.form.text-hint"), ("id", "text-hint"), ("class", "hint"));
        h.Element("textarea", text, ("id", "text"), ("name", "text"), ("rows", "8"), ("spellcheck", "false"), ("aria-describedby", "text-hint"));
        h.Open("div", ("class", "drop"), ("id", "drop"));
        h.Element("label", T("web.form.file-label"), ("for", "file"));
        h.Open("input", ("type", "file"), ("id", "file"), ("name", "file"), ("accept", ".eml,.msg,.txt,message/rfc822,text/plain"), ("aria-describedby", "drop-hint"));
        h.Element("p", T("web.form.drop-hint"), ("id", "drop-hint"), ("class", "hint"));
        h.Close("div");
        h.Element("button", T("web.form.submit"), ("type", "submit"));
        h.Element("p", T("web.form.privacy"), ("class", "hint"));
        h.Close("form");
        h.Open("section", ("id", "answer"), ("aria-live", "polite"), ("aria-labelledby", analysis is null && errorKey is null ? null : "answer-heading"));
        if (errorKey is not null)
        {
            h.Element("h2", T("web.answer.heading"), ("id", "answer-heading"));
            h.Element("p", T(errorKey), ("class", "error"), ("role", "alert"));
        }
        else if (analysis is not null)
        {
            h.Element("h2", T("web.answer.heading"), ("id", "answer-heading"));
            Answer(h, analysis);
        }
        h.Close("section");
        UiStrings(h);
        return Layout(T("web.explain.heading"), h.ToString());
    }

    private void Answer(Html h, Analysis analysis)
    {
        var diagnosis = analysis.Diagnosis;
        if (diagnosis is not null) Diagnosis(h, diagnosis);
        else if (analysis.Report.Findings.Count == 0 && analysis.Results.Count == 0)
        {
            h.Open("div", ("class", "diagnosis none"));
            h.Element("h3", T("web.none.heading"));
            h.Element("p", T(analysis.MessageOutcome == ParseOutcomeKind.NotBounce ? "web.none.not-bounce" : "web.none.text"));
            h.Close("div");
        }
        if (analysis.Report.Findings.Count > 0)
        {
            h.Open("div", ("class", "findings"));
            h.Element("h3", T("web.findings.heading"));
            var findings = analysis.Report.Findings;
            for (var i = 0; i < findings.Count; i++)
            {
                // A code explained word for word as one above (the reply code beside its enhanced code) gets its
                // heading and a pointer, not the same text again.
                if (findings.Take(i).FirstOrDefault(findings[i].ExplainsAlike) is { } same) SameAs(h, findings[i], same, "h4", "label.sameAs");
                else if (analysis.Report.SaidBetterBy(findings[i]) is { } better) SameAs(h, findings[i], better, "h4", "label.saidBetterBy");
                else Finding(h, findings[i], "h4", showPermalink: true);
            }
            h.Close("div");
        }
        if (analysis.Results.Count > 0) Recipients(h, analysis.Results);
    }

    private void Diagnosis(Html h, Diagnosis d)
    {
        h.Open("div", ("class", "diagnosis " + d.Severity.Token()), ("id", "diagnosis"));
        h.Element("h3", T("web.diagnosis.heading"));
        h.Element("p", d.Summary, ("class", "summary"));
        h.Open("dl", ("class", "facts"));
        h.Element("dt", T("web.diagnosis.side")).Element("dd", d.SideText);
        h.Element("dt", T("web.diagnosis.severity")).Open("dd").Text(T("severity." + d.Severity.Token())).Text(" — ")
            .Text(T("web.diagnosis.retry-" + d.RetryAnswer())).Close("dd");
        h.Element("dt", T("web.diagnosis.code")).Open("dd").Element("a", d.Code, ("href", Link(CodeLookup.Permalink(d.Code, null)))).Close("dd");
        h.Close("dl");
        Steps(h, d.Steps, "h4");
        h.Close("div");
    }

    private void Steps(Html h, Steps steps, string headingTag)
    {
        if (steps.Sender.Count > 0)
        {
            h.Element(headingTag, T("web.steps.sender"));
            h.Open("ol", ("class", "steps sender"));
            foreach (var s in steps.Sender) h.Element("li", s);
            h.Close("ol");
        }
        if (steps.Admin.Count > 0)
        {
            h.Element(headingTag, T("web.steps.admin"));
            h.Open("ol", ("class", "steps admin"));
            foreach (var s in steps.Admin) h.Element("li", s);
            h.Close("ol");
        }
    }

    private void Finding(Html h, Finding f, string headingTag, bool showPermalink, bool showHeading = true)
    {
        h.Open("article", ("class", "finding"));
        if (showHeading) h.Open(headingTag).Open("code").Text(f.Code).Close("code").Text(" — ").Text(f.Title).Close(headingTag);
        h.Element("p", f.Meaning);
        if (!f.Known) h.Element("p", T("web.finding.structural"), ("class", "note"));
        if (f.Note is not null) h.Element("p", f.Note, ("class", "note"));
        if (f.Causes.Count > 0)
        {
            h.Element("p", T("web.finding.causes"), ("class", "label"));
            h.Open("ul");
            foreach (var c in f.Causes) h.Element("li", c);
            h.Close("ul");
        }
        h.Open("dl", ("class", "facts"));
        h.Element("dt", T("web.diagnosis.side")).Element("dd", Catalog.SideText(f.FaultSide, f.Kind.FromMailProgram(), _language));
        h.Element("dt", T("web.diagnosis.severity")).Element("dd", T("severity." + f.Severity.Token()));
        if (f.Provider is not null)
        {
            h.Element("dt", T("web.finding.provider")).Element("dd", Catalog.Providers.FirstOrDefault(p => p.Id == f.Provider)?.Name ?? f.Provider);
        }
        if (f.Source.Length > 0) h.Element("dt", T("web.finding.source")).Element("dd", f.Source);
        h.Close("dl");
        if (!showPermalink) Steps(h, f.Steps, "h3");
        if (showPermalink) h.Open("p").Element("a", T("web.finding.permalink") + " " + f.Code, ("href", Link(CodeLookup.Permalink(f.Code, f.Provider)))).Close("p");
        h.Close("article");
    }

    private void SameAs(Html h, Finding f, Finding same, string headingTag, string key)
    {
        h.Open("article", ("class", "finding same"));
        // A reply code's general title ("Mailbox unavailable") is left out where its enhanced code says what it means.
        h.Open(headingTag).Open("code").Text(f.Code).Close("code");
        if (key == "label.sameAs") h.Text(" — ").Text(f.Title);
        h.Close(headingTag);
        h.Element("p", T(key).Replace("{code}", same.Code, StringComparison.Ordinal));
        h.Open("p").Element("a", T("web.finding.permalink") + " " + f.Code, ("href", Link(CodeLookup.Permalink(f.Code, f.Provider)))).Close("p");
        h.Close("article");
    }

    private void Recipients(Html h, IReadOnlyList<BounceResult> results)
    {
        h.Open("div", ("class", "recipients"));
        h.Element("h3", T("web.recipients.heading"));
        h.Open("div", ("class", "table-scroll"), ("role", "region"), ("aria-label", T("web.recipients.heading")), ("tabindex", "0"));
        h.Open("table");
        h.Element("caption", T("web.recipients.caption"));
        h.Open("thead").Open("tr");
        foreach (var col in new[] { "recipient", "status", "reason", "bounce", "diagnostic", "remote" })
            h.Element("th", T("web.col." + col), ("scope", "col"));
        h.Close("tr").Close("thead").Open("tbody");
        foreach (var r in results)
        {
            h.Open("tr");
            h.Element("th", r.Recipient, ("scope", "row"));
            h.Open("td");
            if (r.Status is not null) h.Element("a", r.Status, ("href", Link(CodeLookup.Permalink(r.Status, null))));
            if (r.ReplyCode is { } reply) h.Text(r.Status is null ? "" : " ").Element("a", reply.ToString(System.Globalization.CultureInfo.InvariantCulture), ("href", Link(CodeLookup.Permalink(reply.ToString(System.Globalization.CultureInfo.InvariantCulture), null))));
            h.Close("td");
            h.Element("td", ReasonName(r.Reason));
            // A delivery report, a complaint or an auto-reply is no bounce at all; a soft bounce may be permanent too (a
            // spam refusal), so the label says what it means for the address, not whether a retry works.
            h.Element("td", T(r.Reason is BounceReason.Delivered or BounceReason.Feedback or BounceReason.Vacation ? "web.bounce.none"
                : r.HardBounce ? "web.bounce.hard" : "web.bounce.soft"));
            h.Element("td", r.DiagnosticCode);
            h.Element("td", r.RemoteMta);
            h.Close("tr");
        }
        h.Close("tbody").Close("table").Close("div");
        h.Close("div");
    }

    private string ReasonName(BounceReason reason) =>
        Catalog.Strings.ContainsKey("reason." + reason.Token()) ? T("reason." + reason.Token()) : reason.Token();

    /// <summary>The texts the script needs to show an answer it fetched from the API, as inert JSON.</summary>
    private void UiStrings(Html h)
    {
        var keys = Catalog.Strings.Keys.Where(k => k.StartsWith("web.", StringComparison.Ordinal) || k.StartsWith("faultSide.", StringComparison.Ordinal)
            || k.StartsWith("severity.", StringComparison.Ordinal) || k.StartsWith("reason.", StringComparison.Ordinal));
        var map = keys.ToDictionary(k => k, T);
        var json = JsonSerializer.Serialize(map, WebJsonContext.Default.DictionaryStringString);
        // The default JSON encoder escapes <, > and &, so the text cannot close the element.
        h.Open("script", ("type", "application/json"), ("id", "ui-strings"), ("data-lang", LangToken)).Markup(json).Close("script");
    }

    public string Code(string code, string? provider, IReadOnlyList<Finding> findings, IReadOnlyList<ProviderProfile> providersUsing)
    {
        var h = new Html();
        if (findings.Count == 0 && providersUsing.Count == 0)
        {
            h.Element("h1", T("web.code.not-found.heading"));
            h.Open("p").Text(T("web.code.not-found.text")).Text(" ").Open("code").Text(provider is null ? code : provider + "/" + code).Close("code").Close("p");
        }
        else if (findings.Count == 1)
        {
            var f = findings[0];
            h.Open("h1").Open("code").Text(f.Code).Close("code").Text(" — ").Text(f.Title).Close("h1");
            Finding(h, f, "h2", showPermalink: false, showHeading: false);
        }
        else
        {
            h.Open("h1").Open("code").Text(findings.Count > 0 ? findings[0].Code : code).Close("code").Close("h1");
            if (findings.Count > 1) h.Element("p", T("web.code.variants"), ("class", "intro"));
            foreach (var f in findings) Finding(h, f, "h2", showPermalink: false);
        }
        if (providersUsing.Count > 0)
        {
            h.Open("section", ("class", "providers"), ("aria-labelledby", "providers-heading"));
            h.Element("h2", T("web.code.providers"), ("id", "providers-heading"));
            h.Open("ul");
            foreach (var p in providersUsing)
                h.Open("li").Element("a", p.Name, ("href", Link(CodeLookup.Permalink(code.Trim(), p.Id)))).Close("li");
            h.Close("ul").Close("section");
        }
        h.Open("p").Element("a", T("web.code.all-codes"), ("href", Link("/codes"))).Close("p");
        var title = findings.Count == 0 ? (providersUsing.Count > 0 ? code : T("web.code.not-found.heading")) : findings[0].Code + " — " + findings[0].Title;
        return Layout(title, h.ToString());
    }

    public string Index(string? query)
    {
        var h = new Html();
        h.Element("h1", T("web.codes.heading"));
        h.Element("p", T("web.codes.intro"), ("class", "intro"));
        h.Open("form", ("method", "get"), ("action", "/codes"), ("role", "search"), ("class", "search"));
        h.Open("input", ("type", "hidden"), ("name", "lang"), ("value", LangToken));
        h.Element("label", T("web.codes.search-label"), ("for", "q"));
        h.Open("input", ("type", "search"), ("id", "q"), ("name", "q"), ("value", query ?? ""), ("maxlength", "200"));
        h.Element("button", T("web.codes.search-submit"), ("type", "submit"));
        h.Close("form");
        var hits = string.IsNullOrWhiteSpace(query) ? Catalog.Entries.Where(e => !e.IsWording).ToList() : Catalog.Search(query, 1000);
        if (!string.IsNullOrWhiteSpace(query))
        {
            h.Open("p", ("class", "count"), ("role", "status")).Text(T("web.codes.results")).Text(" ").Open("q").Text(query).Close("q").Text(": ")
                .Text(hits.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Close("p");
            if (hits.Count == 0) h.Element("p", T("web.codes.none"));
        }
        var families = hits.GroupBy(e => e.Provider ?? e.Kind.Token())
            .OrderBy(g => g.First().Provider is null ? (int)g.First().Kind : 100)
            .ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var family in families)
        {
            var provider = family.First().Provider;
            var heading = provider is null
                ? T("web.family." + family.Key)
                : Catalog.Providers.FirstOrDefault(p => p.Id == provider)?.Name ?? provider;
            var id = "family-" + family.Key;
            h.Open("section", ("class", "family"), ("aria-labelledby", id));
            h.Element("h2", heading, ("id", id));
            h.Open("ul", ("class", "codes"));
            foreach (var e in family)
            {
                h.Open("li").Open("a", ("href", Link(CodeLookup.Permalink(e.Code, e.Provider)))).Open("code").Text(e.Code).Close("code").Close("a")
                    .Text(" ").Text(e.Title.Get(_language)).Close("li");
            }
            h.Close("ul").Close("section");
        }
        return Layout(T("web.codes.heading"), h.ToString());
    }

    public string NotFound()
    {
        var h = new Html();
        h.Element("h1", T("web.notfound.heading"));
        h.Open("p").Element("a", T("web.nav.explain"), ("href", Link("/"))).Close("p");
        return Layout(T("web.notfound.heading"), h.ToString());
    }

    private string Layout(string title, string main)
    {
        var other = _language == Language.Nl ? Language.En : Language.Nl;
        var h = new Html();
        h.Markup("<!DOCTYPE html>");
        h.Open("html", ("lang", LangToken));
        h.Open("head");
        h.Open("meta", ("charset", "utf-8"));
        h.Open("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        h.Element("title", title + " · Bounceback");
        h.Open("link", ("rel", "stylesheet"), ("href", "/assets/app.css"));
        h.Open("script", ("src", "/assets/app.js"), ("defer", "")).Close("script");
        h.Close("head");
        h.Open("body");
        h.Element("a", T("web.skip"), ("class", "skip"), ("href", "#main"));
        h.Open("header", ("class", "site"));
        h.Element("a", "Bounceback", ("href", Link("/")), ("class", "brand"));
        h.Open("nav", ("aria-label", T("web.nav.label")));
        h.Open("ul");
        h.Open("li").Element("a", T("web.nav.explain"), ("href", Link("/"))).Close("li");
        h.Open("li").Element("a", T("web.nav.codes"), ("href", Link("/codes"))).Close("li");
        h.Open("li").Element("a", Catalog.Text("web.lang.name", other), ("href", SwitchLanguage(other)), ("lang", other.Token()), ("hreflang", other.Token()), ("id", "switch-lang")).Close("li");
        h.Close("ul").Close("nav").Close("header");
        h.Open("main", ("id", "main"), ("tabindex", "-1")).Markup(main).Close("main");
        h.Open("footer", ("class", "site")).Element("p", T("web.footer")).Close("footer");
        h.Close("body").Close("html");
        return h.ToString();
    }

    /// <summary>The current page in the other language: same path without a language prefix, same search.</summary>
    private string SwitchLanguage(Language other)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.StartsWith("/nl/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/en/", StringComparison.OrdinalIgnoreCase)) path = path[3..];
        else if (path.Equals("/nl", StringComparison.OrdinalIgnoreCase) || path.Equals("/en", StringComparison.OrdinalIgnoreCase)) path = "/";
        if (!HttpMethods.IsGet(http.Request.Method)) path = "/";
        // A path that starts with two slashes ("//host/...") would read as a link to another site: one slash it is.
        path = "/" + path.TrimStart('/', '\\');
        var query = http.Request.Query["q"].ToString();
        return new PathString(path).ToUriComponent() + "?lang=" + other.Token()
            + (string.IsNullOrEmpty(query) ? "" : "&q=" + Uri.EscapeDataString(query));
    }
}
