package io.breakwater.web;

import io.breakwater.access.Permission;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The endpoints the API documentation page lists, with an example {@code curl} for each. Written by hand for
 * readable examples; {@code ApiDocsPageTest} checks that every operation of the OpenAPI document is here.
 */
final class ApiCatalog {

    static final String TOKEN = "-H \"Auth-Token: $BREAKWATER_TOKEN\" ";
    static final String CRASH_ID = "bp-5d0b6f2e-8b1c-4c5e-9a7d-1f2e3a241124";

    private ApiCatalog() {
    }

    static List<ApiViews.Group> groups(String base) {
        List<ApiViews.Group> groups = new ArrayList<>();

        groups.add(group("Crash submission", "Crash reporters (Breakpad, Crashpad, Electron) post crashes here.",
                endpoint("POST", "/submit", "Submit a crash report",
                        "multipart/form-data (or multipart/mixed), optionally gzip as a whole. Annotations are text "
                                + "parts or one JSON part named extra; every file part is a dump, upload_file_minidump "
                                + "the main one. Answers CrashID=bp-<id> once the crash is stored and queued; 503 "
                                + "with Retry-After when storage or the database is down. Credentials are ignored.",
                        null, false,
                        List.of(param("ProductName", "form", true, "Product name (Crashpad's prod works too)"),
                                param("Version", "form", false, "Product version (or ver)"),
                                param("upload_file_minidump", "form", true, "The minidump file"),
                                param("extra", "form", false, "All annotations as one JSON object, instead of text parts")),
                        "curl -F ProductName=MyApp -F Version=1.2.3 -F upload_file_minidump=@crash.dmp '" + base + "/submit'")));

        String searchParams = "Every field of /api/SuperSearchFields is a filter: repeat a parameter for OR, prefix "
                + "the value with an operator (~ contains, ^ starts with, $ ends with, = exact, ! not; >, >=, <, <= "
                + "for dates and numbers; __null__ for empty).";
        groups.add(group("Super Search", "Socorro's search grammar over processed crashes.",
                endpoint("GET", "/api/SuperSearch", "Search crashes (public fields)",
                        searchParams + " Protected fields are refused.",
                        null, false, searchParams(),
                        "curl '" + base + "/api/SuperSearch?product=MyApp&_columns=signature&_columns=date&_facets=signature'",
                        "curl '" + base + "/api/SuperSearch?product=MyApp&date=%3E%3D2024-01-01&_histogram.date=version'"),
                endpoint("GET", "/api/SuperSearchUnredacted", "Search crashes, protected fields included",
                        "As SuperSearch, and protected fields (URL, e-mail, comments, install id, unknown "
                                + "annotations) may be shown, faceted and filtered on. Such searches are audited.",
                        Permission.Names.VIEW_PII, false, searchParams(),
                        "curl " + TOKEN + "'" + base + "/api/SuperSearchUnredacted?product=MyApp&_columns=url&_columns=email'"),
                endpoint("GET", "/api/SuperSearchFields", "The searchable fields",
                        "Every field: name, type, operators, whether it is protected and can be aggregated.",
                        null, false, List.of(),
                        "curl '" + base + "/api/SuperSearchFields'"),
                endpoint("POST", "/api/SuperSearchCustom", "Run a raw Elasticsearch query",
                        "An Elasticsearch search body over the crash index (query, aggs, sort, from/size; no "
                                + "scripts; 30 s at most; at most 1,000 hits). Needs view_pii as well, since a raw "
                                + "query reads every field. Audited.",
                        Permission.Names.RUN_CUSTOM_QUERIES + " and " + Permission.Names.VIEW_PII, true,
                        List.of(param("(body)", "body", true, "JSON search body")),
                        "curl " + TOKEN + "-H 'Content-Type: application/json' -d '{\"query\": {\"term\": {\"product\": "
                                + "\"MyApp\"}}, \"size\": 10}' '" + base + "/api/SuperSearchCustom'"),
                endpoint("GET", "/api/ProductVersions", "Products and versions that sent crashes",
                        "Every product and version with crashes in the last days (default 30, at most 365), with counts.",
                        null, false,
                        List.of(param("product", "query", false, "Only this product; repeat for several"),
                                param("days", "query", false, "Days back, 1 to 365")),
                        "curl '" + base + "/api/ProductVersions?product=MyApp'"),
                endpoint("GET", "/api/Platforms", "Operating systems that sent crashes",
                        "Every operating system with crashes in the last days, with Socorro's short name and a count.",
                        null, false, List.of(param("days", "query", false, "Days back, 1 to 365 (default 30)")),
                        "curl '" + base + "/api/Platforms'"),
                endpoint("GET", "/api/NewSignatures", "Signatures first seen in a date range",
                        "Signatures of crashes in [start_date, end_date) whose first crash ever falls in that range.",
                        null, false,
                        List.of(param("start_date", "query", false, "First day (default 8 days before end_date)"),
                                param("end_date", "query", false, "Day after the last (default tomorrow)"),
                                param("product", "query", false, "Product; repeat for several"),
                                param("version", "query", false, "Version; repeat for several")),
                        "curl '" + base + "/api/NewSignatures?product=MyApp&start_date=2026-01-01&end_date=2026-01-08'")));

        groups.add(group("Crash data", "One crash. Without view_pii, the public part only.",
                endpoint("GET", "/api/ProcessedCrash", "A processed crash",
                        "Signature, stack, modules and the annotations the rules read. datatype=unredacted insists "
                                + "on all of it (403 without view_pii). 404 with state pending while it is queued.",
                        Permission.Names.VIEW_PII, false,
                        List.of(param("crash_id", "query", true, "The crash id, with or without bp-"),
                                param("datatype", "query", false, "processed (default) or unredacted")),
                        "curl '" + base + "/api/ProcessedCrash?crash_id=" + CRASH_ID + "'",
                        "curl " + TOKEN + "'" + base + "/api/ProcessedCrash?crash_id=" + CRASH_ID + "&datatype=unredacted'"),
                endpoint("GET", "/api/RawCrash", "A raw crash or one of its dumps",
                        "format=meta (default): the annotations as submitted, the public ones only without "
                                + "view_pii. format=raw: a dump, which needs view_rawdump because dumps hold process "
                                + "memory; downloads are audited.",
                        Permission.Names.VIEW_PII + " (all annotations), " + Permission.Names.VIEW_RAWDUMP + " (dumps)",
                        false,
                        List.of(param("crash_id", "query", true, "The crash id, with or without bp-"),
                                param("format", "query", false, "meta (default) or raw"),
                                param("name", "query", false, "Dump name for format=raw (default upload_file_minidump)")),
                        "curl '" + base + "/api/RawCrash?crash_id=" + CRASH_ID + "'",
                        "curl " + TOKEN + "-o crash.dmp '" + base + "/api/RawCrash?crash_id=" + CRASH_ID + "&format=raw'"),
                endpoint("GET", "/api/UnredactedCrash", "A processed crash, protected fields included",
                        "Socorro's older name for ProcessedCrash with datatype=unredacted.",
                        Permission.Names.VIEW_PII, true,
                        List.of(param("crash_id", "query", true, "The crash id, with or without bp-")),
                        "curl " + TOKEN + "'" + base + "/api/UnredactedCrash?crash_id=" + CRASH_ID + "'")));

        groups.add(group("Reprocessing", "Processing crashes again, e.g. after new symbols or signature lists.",
                endpoint("POST", "/api/Reprocessing", "Queue crashes for processing again",
                        "crash_ids as repeated or comma-separated form fields or a JSON list, at most 1000 per "
                                + "request. Suffix :regenerate_signature recomputes only the signature.",
                        Permission.Names.REPROCESS_CRASHES, true,
                        List.of(param("crash_ids", "form", true, "Crash ids, optionally id:regenerate_signature")),
                        "curl " + TOKEN + "-d crash_ids=" + CRASH_ID + " '" + base + "/api/Reprocessing'",
                        "curl " + TOKEN + "-H 'Content-Type: application/json' -d '{\"crash_ids\": [\"" + CRASH_ID
                                + ":regenerate_signature\"]}' '" + base + "/api/Reprocessing'")));

        groups.add(group("Signatures", "Crash signatures, computed as Socorro does.",
                endpoint("POST", "/api/CrashSignature", "Compute signatures for frames you send",
                        "Socorro's CrashSignature API: {\"jobs\": [...]}, at most 1000 jobs; debug=true adds each "
                                + "result's debug log. It reads no stored crash.",
                        null, false,
                        List.of(param("(body)", "body", true, "{\"jobs\": [{\"os\", \"crashing_thread\", \"threads\": "
                                        + "[{\"frames\": [...]}], annotations}]}"),
                                param("debug", "query", false, "true for the debug log")),
                        "curl -H 'Content-Type: application/json' -d '{\"jobs\": [{\"os\": \"Linux\", \"crashing_thread\": 0, "
                                + "\"threads\": [{\"frames\": [{\"function\": \"crash_me\", \"module\": \"myapp\"}]}]}]}' '"
                                + base + "/api/CrashSignature'"),
                endpoint("GET", "/api/SignatureFirstDate", "When signatures were first seen",
                        "The earliest submission time and lowest build id of each signature's crashes.",
                        null, false,
                        List.of(param("signatures", "query", true, "A signature; repeat for several")),
                        "curl '" + base + "/api/SignatureFirstDate?signatures=crash_me&signatures=OOM+%7C+small'"),
                endpoint("GET", "/api/SignatureStatus", "A signature's status and history",
                        "Status (new, open, fixed, ignored), fixed_version, bug_links, the regression flag (a crash of "
                                + "the fixed version or a later one arrived, with that crash) and the history of "
                                + "changes. Assignee, note and who changed what only for signed-in callers.",
                        null, false,
                        List.of(param("signature", "query", true, "The signature")),
                        "curl '" + base + "/api/SignatureStatus?signature=crash_me'"),
                endpoint("POST", "/api/SignatureStatus", "Set a signature's status",
                        "JSON {signature, status, fixed_version, assignee, note, bug_links: [URLs]} or the same as "
                                + "form fields. fixed_version is required for fixed (dotted, semver or Firefox-style "
                                + "versions: 1.10 > 1.9, 1.0.0-beta.2 < 1.0.0, 120.0a1 < 120.0b1 < 120.0). A new "
                                + "status or fixed version clears the regression flag. Audited.",
                        Permission.Names.MANAGE_SIGNATURES, true,
                        List.of(param("signature", "body", true, "The signature"),
                                param("status", "body", true, "new, open, fixed or ignored"),
                                param("fixed_version", "body", false, "The first version with the fix (for fixed)"),
                                param("assignee", "body", false, "An account e-mail or a name"),
                                param("note", "body", false, "Kept in the history"),
                                param("bug_links", "body", false, "http(s) links to bugs elsewhere")),
                        "curl " + TOKEN + "-H 'Content-Type: application/json' -d '{\"signature\": \"crash_me\", "
                                + "\"status\": \"fixed\", \"fixed_version\": \"1.2.0\", \"bug_links\": "
                                + "[\"https://bugs.example.com/123\"]}' '" + base + "/api/SignatureStatus'")));

        String symbolPath = "/symbols/{debugFile}/{debugId}/{name}";
        List<ApiViews.Param> symbolParams = List.of(param("debugFile", "path", true, "Module debug file, e.g. libmyapp.so"),
                param("debugId", "path", true, "Breakpad debug id (any case)"),
                param("name", "path", true, "File name, e.g. libmyapp.so.sym"));
        groups.add(group("Symbols", "Breakpad .sym files in the symbol-server layout <debug_file>/<debug_id>/<name>.sym.",
                endpoint("POST", "/api/upload-symbols", "Upload a zip of symbol files",
                        "The zip as the body (application/zip) or as the one file part of multipart/form-data. "
                                + "Crashes that were missing the uploaded modules are queued for reprocessing.",
                        Permission.Names.UPLOAD_SYMBOLS, true,
                        List.of(param("file", "form", true, "The zip (any part name)")),
                        "curl " + TOKEN + "-F file=@symbols.zip '" + base + "/api/upload-symbols'"),
                endpoint("GET", "/api/symupload/v1/symbols/{debugFile}/{idAndVerb}", "symupload v2: whether a module has symbols",
                        "Breakpad's symupload -p sym-upload-v2 with " + base + "/api/symupload as its URL and a token "
                                + "as its key (-k) does these four steps itself.",
                        Permission.Names.UPLOAD_SYMBOLS, true,
                        List.of(param("debugFile", "path", true, "Module debug file"),
                                param("idAndVerb", "path", true, "<debug_id>:checkStatus")),
                        "symupload -p sym-upload-v2 -k \"$BREAKWATER_TOKEN\" libmyapp.so.sym '" + base + "/api/symupload'"),
                endpoint("POST", "/api/symupload/v1/{verb}", "symupload v2: start an upload",
                        "uploads:create answers {uploadUrl, uploadKey}.", Permission.Names.UPLOAD_SYMBOLS, true,
                        List.of(param("verb", "path", true, "uploads:create")),
                        "curl -X POST '" + base + "/api/symupload/v1/uploads:create?key='\"$BREAKWATER_TOKEN\""),
                endpoint("PUT", "/api/symupload/v1/uploads/{uploadKey}", "symupload v2: the file of an upload",
                        "The .sym file as the body, to the uploadUrl.", Permission.Names.UPLOAD_SYMBOLS, true,
                        List.of(param("uploadKey", "path", true, "From uploads:create")),
                        "curl -T libmyapp.so.sym \"$UPLOAD_URL?key=$BREAKWATER_TOKEN\""),
                endpoint("POST", "/api/symupload/v1/uploads/{keyAndVerb}", "symupload v2: publish an upload",
                        "<uploadKey>:complete checks the staged file and publishes it.", Permission.Names.UPLOAD_SYMBOLS, true,
                        List.of(param("keyAndVerb", "path", true, "<uploadKey>:complete")),
                        "curl -X POST \"" + base + "/api/symupload/v1/uploads/$UPLOAD_KEY:complete?key=$BREAKWATER_TOKEN\""),
                endpoint("GET", symbolPath, "Download a symbol file",
                        "So that " + base + "/symbols works as a symbol server URL for debuggers and stack walkers.",
                        null, false, symbolParams,
                        "curl -O '" + base + "/symbols/libmyapp.so/0123456789ABCDEF0123456789ABCDEF0/libmyapp.so.sym'"),
                endpoint("HEAD", symbolPath, "Whether a symbol file exists", "As GET, without the body.",
                        null, false, symbolParams,
                        "curl -I '" + base + "/symbols/libmyapp.so/0123456789ABCDEF0123456789ABCDEF0/libmyapp.so.sym'"),
                endpoint("DELETE", symbolPath, "Delete a symbol file", "Removes it from the symbols bucket and the caches.",
                        Permission.Names.UPLOAD_SYMBOLS, true, symbolParams,
                        "curl -X DELETE " + TOKEN + "'" + base
                                + "/symbols/libmyapp.so/0123456789ABCDEF0123456789ABCDEF0/libmyapp.so.sym'")));

        groups.add(group("Administration", "Operator endpoints.",
                endpoint("DELETE", "/api/crashes/{crashId}", "Delete one crash for good",
                        "From storage, search and the queue (Socorro's permadelete). Audited. 503 when part of it "
                                + "remains: repeat the request.",
                        Permission.Names.ADMIN, true,
                        List.of(param("crashId", "path", true, "The crash id, with or without bp-")),
                        "curl -X DELETE " + TOKEN + "'" + base + "/api/crashes/" + CRASH_ID + "'"),
                endpoint("GET", "/api/signature-lists", "Signature lists in force, versions and runs",
                        "The lists in force (version 0: the configured ones), every stored version with who and when, "
                                + "and recent preview/apply runs.", Permission.Names.ADMIN, true, List.of(),
                        "curl " + TOKEN + "'" + base + "/api/signature-lists'"),
                endpoint("GET", "/api/signature-lists/versions/{id}", "One stored version of the signature lists",
                        "The four files' texts, with who stored it, when and why.", Permission.Names.ADMIN, true,
                        List.of(param("id", "path", true, "The version id")),
                        "curl " + TOKEN + "'" + base + "/api/signature-lists/versions/1'"),
                endpoint("POST", "/api/signature-lists/previews", "Preview edited signature lists",
                        "{\"days\": 7, \"lists\": {\"<file>.txt\": \"text\"}}: replays the lists over the processed crashes "
                                + "of the last days without changing anything (files left out keep the text in force). "
                                + "202 with the run; its report lists splits, merges and renames with counts and examples.",
                        Permission.Names.ADMIN, true, List.of(),
                        "curl -X POST " + TOKEN + "-H 'Content-Type: application/json' -d '{\"days\": 7, \"lists\": "
                                + "{\"prefix_signature_re.txt\": \"malloc\\nMyAllocator::alloc\"}}' '" + base
                                + "/api/signature-lists/previews'"),
                endpoint("GET", "/api/signature-lists/runs/{id}", "A preview or apply run",
                        "State, progress (crashes replayed, regenerated) and the report; for an apply also the outcome "
                                + "and whether the prediction held.", Permission.Names.ADMIN, true,
                        List.of(param("id", "path", true, "The run id")),
                        "curl " + TOKEN + "'" + base + "/api/signature-lists/runs/1'"),
                endpoint("POST", "/api/signature-lists/runs/{id}/apply", "Apply a finished preview",
                        "Stores its lists as a new version, makes it active and regenerates exactly the crashes the "
                                + "preview found changed. Audited.", Permission.Names.ADMIN, true,
                        List.of(param("id", "path", true, "The preview run id")),
                        "curl -X POST " + TOKEN + "-H 'Content-Type: application/json' -d '{\"comment\": \"why\"}' '"
                                + base + "/api/signature-lists/runs/1/apply'"),
                endpoint("POST", "/api/signature-lists/versions/{id}/rollback", "Roll back to an earlier version",
                        "Makes the version active again and regenerates the signatures it changes among the crashes of "
                                + "the last days. Audited.", Permission.Names.ADMIN, true,
                        List.of(param("id", "path", true, "The version id")),
                        "curl -X POST " + TOKEN + "-H 'Content-Type: application/json' -d '{\"days\": 7}' '"
                                + base + "/api/signature-lists/versions/1/rollback'"),
                endpoint("GET", "/api/internal/processor-stats", "Processor timings",
                        "Workers, crashes in flight and processed, and per-stage times since start, on this instance.",
                        Permission.Names.ADMIN, true, List.of(),
                        "curl " + TOKEN + "'" + base + "/api/internal/processor-stats'")));

        groups.add(group("Operations", "Health, version and metrics, for load balancers and monitoring.",
                endpoint("GET", "/__heartbeat__", "Heartbeat", "Database, storage and search all answer (500 if not).",
                        null, false, List.of(), "curl '" + base + "/__heartbeat__'"),
                endpoint("GET", "/__lbheartbeat__", "Load balancer heartbeat", "The process answers.",
                        null, false, List.of(), "curl '" + base + "/__lbheartbeat__'"),
                endpoint("GET", "/__version__", "Version", "Source, version and commit of this build.",
                        null, false, List.of(), "curl '" + base + "/__version__'"),
                endpoint("GET", "/q/metrics", "Prometheus metrics",
                        "Breakwater's metrics (breakwater_*: submissions, queue depth, processing and stack-walk "
                                + "times, symbol caches, index backlog, jobs), HTTP server and JVM metrics. No crash "
                                + "data. Public unless the operator set BREAKWATER_METRICS_PROTECTED=true, which "
                                + "needs admin.",
                        null, false, List.of(), "curl '" + base + "/q/metrics'"),
                endpoint("GET", "/q/openapi", "The OpenAPI document",
                        "This API as OpenAPI 3.1, YAML (format=json for JSON).",
                        null, false, List.of(param("format", "query", false, "yaml (default) or json")),
                        "curl '" + base + "/q/openapi?format=json'")));
        return groups;
    }

    private static List<ApiViews.Param> searchParams() {
        return List.of(param("product", "query", false, "Product name"),
                param("version", "query", false, "Version"),
                param("signature", "query", false, "Signature, with an operator prefix if wanted"),
                param("date", "query", false, "Date range, repeated with operators (default: the last 7 days)"),
                param("_columns", "query", false, "Fields returned for each hit; repeat"),
                param("_facets", "query", false, "Fields whose values are counted; repeat"),
                param("_aggs.<field>", "query", false, "Nested aggregation: the values of another field per value"),
                param("_histogram.<field>", "query", false, "Histogram over a date or number field"),
                param("_sort", "query", false, "Sort field, - prefix for descending"),
                param("_results_number", "query", false, "Hits per page (default 100, at most 1000)"),
                param("_results_offset", "query", false, "Hits to skip"));
    }

    private static ApiViews.Group group(String name, String description, ApiViews.Endpoint... endpoints) {
        return new ApiViews.Group(name, anchor(name), description, List.of(endpoints));
    }

    /** {@code permission} null: public. With {@code tokenNeeded} false, a permission only widens the answer. */
    private static ApiViews.Endpoint endpoint(String method, String path, String summary, String description,
                                              String permission, boolean tokenNeeded, List<ApiViews.Param> params,
                                              String... examples) {
        String access = permission == null ? "Public"
                : tokenNeeded ? "Needs a token with " + permission
                : "Public; a token with " + permission + " sees more";
        return new ApiViews.Endpoint(anchor(method + " " + path), method, path, summary, description, access,
                tokenNeeded, permission == null ? "" : permission, params, List.of(examples));
    }

    private static ApiViews.Param param(String name, String in, boolean required, String description) {
        return new ApiViews.Param(name, in, required, description);
    }

    static String anchor(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
