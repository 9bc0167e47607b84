package io.breakwater.web;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** What the templates render: plain values, already made printable ({@link Text}); Qute escapes them. */
public final class Views {

    private Views() {
    }

    @TemplateData
    public record Link(String text, String href, boolean current) {
        public Link(String text, String href) {
            this(text, href, false);
        }
    }

    @TemplateData
    public record ErrorPage(int status, String title, String message) {
    }

    // --- Home and product pages ---

    @TemplateData
    public record Home(int days, List<Link> dayLinks, List<ProductRow> products) {
    }

    @TemplateData
    public record ProductRow(String name, long count, String url, String topCrashersUrl, List<VersionRow> versions,
                             Graph trend) {
        /** An element id for the product's trend graph: the name reduced to id-safe characters. */
        public String trendId() {
            return "trend-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
        }

        public String trendTitle() {
            return "Crashes per day of " + name + " by version";
        }
    }

    @TemplateData
    public record VersionRow(String version, long count, String percent, String topCrashersUrl, String searchUrl,
                             List<Link> processTypes) {
    }

    @TemplateData
    public record Product(String product, int days, List<Link> dayLinks, long total, String topCrashersUrl,
                          List<VersionRow> versions, Graph trend) {
    }

    // --- Top Crashers ---

    @TemplateData
    public record TopCrashers(String product, String version, String processType, int days, List<Link> dayLinks,
                              List<Link> processTypeLinks, List<Link> versionLinks, List<Link> productLinks,
                              long total, String windowText, List<String> osColumns, List<TopRow> rows,
                              String searchUrl, boolean hideIgnored, Link ignoredToggle, int hiddenIgnored) {
        public boolean hasProduct() {
            return product != null;
        }
    }

    @TemplateData
    public record TopRow(int rank, String rankChange, String rankChangeClass, String signature, String signatureUrl,
                         long count, String percent, List<OsCount> platforms, String firstSeen, boolean isNew,
                         long installations, String status, String statusClass, boolean regression,
                         String regressionTitle) {
    }

    /** A signature's crashes on one operating system, for Top Crashers' per-OS columns. */
    @TemplateData
    public record OsCount(String os, long count, String percent) {
    }

    // --- Shared by the signature and search pages ---

    @TemplateData
    public record Column(String name, String sortUrl, String sortMark) {
    }

    @TemplateData
    public record Cell(String text, String href, String cssClass) {
    }

    @TemplateData
    public record Choice(String name, String label, boolean checked) {
    }

    @TemplateData
    public record ReportList(List<Column> columns, List<List<Cell>> rows, long total, String rangeText,
                             String prevUrl, String nextUrl) {
    }

    /** A facet as a ranked table whose rows carry bars; a histogram also as a column chart in bucket order. */
    @TemplateData
    public record FacetTab(String name, String id, long total, List<FacetRow> rows, long otherCount, ColumnChart chart) {
        public static final int BAR_WIDTH = 120;

        public int barWidth() {
            return BAR_WIDTH;
        }

        public boolean histogram() {
            return id.startsWith("facet-histogram_");
        }

        public FacetTab(String name, String id, long total, List<FacetRow> rows, long otherCount) {
            this(name, id, total, rows, otherCount, null);
        }

        /** Bar length of a row in pixels, against the largest row of this facet. */
        public int bar(FacetRow row) {
            long max = rows.stream().mapToLong(FacetRow::count).max().orElse(0);
            return max <= 0 || row.count() <= 0 ? 0 : (int) Math.max(1, Math.round(BAR_WIDTH * (double) row.count() / max));
        }
    }

    /** Vertical bars over a histogram's buckets (dates or number ranges), laid out in SVG units. */
    @TemplateData
    public record ColumnChart(int width, int height, int baseline, List<ColumnBar> bars, List<Tick> yTicks) {
        public int labelY() {
            return baseline + 16;
        }
    }

    @TemplateData
    public record ColumnBar(double x, double y, double width, double height, String label, boolean labelled,
                            String title) {
    }

    @TemplateData
    public record FacetRow(int rank, String term, String href, long count, String percent) {
    }

    // --- Signature report ---

    @TemplateData
    public record Signature(String signature, int days, List<Link> dayLinks, long total, long installations,
                            List<FacetTab> summaries, Graph graph, ReportList reports, List<Choice> columnChoices,
                            List<String> hiddenSort, String searchUrl, String apiUrl, StatusPanel status) {
    }

    /**
     * The signature's workflow state on its report page, the form to change it (for those allowed) and the
     * history. {@code showDetails} false hides assignee, notes and who made changes (anonymous visitors).
     */
    @TemplateData
    public record StatusPanel(String signature, String status, String summary, String statusClass, String fixedVersion,
                              String assignee, String note, List<Link> bugLinks, String bugLinksText,
                              boolean regression, String regressionText, String regressionUrl, boolean showDetails,
                              boolean mayEdit, List<Choice> statusChoices, List<StatusEvent> history,
                              String unavailable) {
    }

    @TemplateData
    public record StatusEvent(String at, String actor, String change, String note, String crashUrl, String crashId,
                              boolean regression) {
    }

    @TemplateData
    public record Graph(int width, int height, int left, int bottom, List<Series> series, List<Tick> xTicks,
                        List<Tick> yTicks, List<String> versions, List<DayRow> table) {
        public boolean empty() {
            return series.isEmpty();
        }

        public int yLabelX() {
            return left - 6;
        }

        public int xLabelY() {
            return bottom + 18;
        }
    }

    @TemplateData
    public record Series(String name, String cssClass, String points, List<Dot> dots, long total) {
    }

    @TemplateData
    public record Dot(double x, double y, String title) {
    }

    @TemplateData
    public record Tick(double pos, String label) {
    }

    @TemplateData
    public record DayRow(String day, List<Long> counts, long total) {
    }

    // --- Super Search ---

    @TemplateData
    public record Search(List<SearchRow> rows, List<Choice> fields, List<Choice> operators, List<Choice> columnChoices,
                         List<Choice> facetChoices, List<Choice> sortChoices, boolean sortDescending,
                         List<Choice> numberChoices, List<Choice> histogramChoices, boolean ran, String error, ReportList results,
                         List<FacetTab> facets, String apiUrl, String pageUrl) {
    }

    @TemplateData
    public record SearchRow(int index, String field, String operator, String value) {
    }

    // --- Data dictionary ---

    @TemplateData
    public record FieldDictionary(List<FieldEntry> fields, long protectedCount, boolean mayUseProtected,
                                  String jsonUrl) {
    }

    /** One searchable field: what it is, how it is searched, and whether this viewer may use it. */
    @TemplateData
    public record FieldEntry(String name, String type, String storage, String operators, boolean isProtected,
                             boolean usable, String description, String source, String facetUrl,
                             String exampleUrl, String example) {
    }

    // --- Report index ---

    @TemplateData
    public record Prop(String name, String value, String href, String cssClass) {
        public Prop(String name, String value) {
            this(name, value, null, null);
        }
    }

    @TemplateData
    public record Report(String crashId, String signature, String signatureUrl, List<Prop> details,
                         ThreadView crashingThread, List<ThreadView> otherThreads, boolean allThreads,
                         String allThreadsUrl, List<ModuleView> modules, List<ModuleView> unloadedModules,
                         List<Prop> publicAnnotations, List<Prop> protectedAnnotations, int hiddenProtected,
                         boolean showProtected, String processorNotes, List<HistoryRow> history,
                         List<Prop> debug, String processedJsonUrl, String rawJsonUrl, String dumpUrl,
                         String searchUrl, String deleteUrl) {
    }

    @TemplateData
    public record ThreadView(int index, String name, boolean crashing, int frameCount, List<FrameRow> frames,
                             String truncatedNote) {
    }

    @TemplateData
    public record FrameRow(String frame, String module, String function, String source, String sourceTitle,
                           String trust, boolean inline, boolean missingSymbols) {
    }

    @TemplateData
    public record ModuleView(String filename, String version, String debugFile, String debugId, String codeId,
                             String baseAddress, String endAddress, boolean missingSymbols, boolean inStack) {
    }

    @TemplateData
    public record HistoryRow(String started, String completed, String success, String signature, String notes) {
    }

    @TemplateData
    public record Pending(String crashId, String title, String message, List<Prop> details, boolean refresh) {
    }
}
