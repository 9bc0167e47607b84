package io.breakwater.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays out "crashes per day, split by version" as SVG coordinates: one polyline per version (the most
 * frequent ones, the rest summed as "other"), every day of the window present even without crashes.
 */
final class GraphBuilder {

    static final int WIDTH = 760;
    static final int HEIGHT = 260;
    static final int LEFT = 48;
    static final int RIGHT = 28;
    static final int TOP = 12;
    static final int BOTTOM = 36;
    static final int MAX_SERIES = 6;
    static final String OTHER = "other";

    private GraphBuilder() {
    }

    /** {@code byDay}: day → version → count. */
    static Views.Graph build(LocalDate firstDay, LocalDate lastDay, Map<LocalDate, Map<String, Long>> byDay) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = firstDay; !d.isAfter(lastDay) && days.size() < 400; d = d.plusDays(1)) {
            days.add(d);
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        byDay.values().forEach(m -> m.forEach((v, c) -> totals.merge(v, c, Long::sum)));
        List<String> versions = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        List<String> shown = new ArrayList<>(versions.subList(0, Math.min(versions.size(),
                versions.size() > MAX_SERIES ? MAX_SERIES - 1 : MAX_SERIES)));
        boolean other = versions.size() > shown.size();
        List<String> names = new ArrayList<>(shown);
        if (other) {
            names.add(OTHER);
        }

        long[][] counts = new long[names.size()][days.size()];
        long max = 0;
        List<Views.DayRow> table = new ArrayList<>();
        for (int d = 0; d < days.size(); d++) {
            Map<String, Long> m = byDay.getOrDefault(days.get(d), Map.of());
            long dayTotal = 0;
            for (Map.Entry<String, Long> e : m.entrySet()) {
                int i = shown.indexOf(e.getKey());
                counts[i >= 0 ? i : names.size() - 1][d] += e.getValue();
                dayTotal += e.getValue();
            }
            List<Long> row = new ArrayList<>();
            for (int s = 0; s < names.size(); s++) {
                row.add(counts[s][d]);
                max = Math.max(max, counts[s][d]);
            }
            table.add(new Views.DayRow(days.get(d).toString(), row, dayTotal));
        }
        if (byDay.isEmpty() || names.isEmpty()) {
            return new Views.Graph(WIDTH, HEIGHT, LEFT, HEIGHT - BOTTOM, List.of(), List.of(), List.of(), List.of(), table);
        }
        long top = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double step = days.size() > 1 ? plotW / (days.size() - 1) : 0;

        List<Views.Series> series = new ArrayList<>();
        for (int s = 0; s < names.size(); s++) {
            StringBuilder points = new StringBuilder();
            List<Views.Dot> dots = new ArrayList<>();
            long sum = 0;
            for (int d = 0; d < days.size(); d++) {
                double x = LEFT + (days.size() > 1 ? d * step : plotW / 2);
                double y = TOP + plotH - plotH * counts[s][d] / top;
                points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
                dots.add(new Views.Dot(round(x), round(y), days.get(d) + ": " + counts[s][d] + " crashes, version "
                        + Text.printable(names.get(s))));
                sum += counts[s][d];
            }
            series.add(new Views.Series(Text.printable(names.get(s)), "s" + s, points.toString().trim(), dots, sum));
        }
        List<Views.Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            long value = top * i / 4;
            yTicks.add(new Views.Tick(round(TOP + plotH - plotH * value / top), Long.toString(value)));
        }
        List<Views.Tick> xTicks = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(days.size() / 8.0));
        for (int d = 0; d < days.size(); d += every) {
            xTicks.add(new Views.Tick(round(LEFT + (days.size() > 1 ? d * step : plotW / 2)),
                    days.get(d).toString().substring(5)));
        }
        List<String> printableNames = names.stream().map(Text::printable).toList();
        return new Views.Graph(WIDTH, HEIGHT, LEFT, HEIGHT - BOTTOM, series, xTicks, yTicks, printableNames, table);
    }

    /** 1, 2, 5 × 10^n at or above {@code max} (at least 4, so ticks stay whole numbers). */
    static long niceCeiling(long max) {
        if (max <= 4) {
            return 4;
        }
        long magnitude = 1;
        while (magnitude * 10 <= max) {
            magnitude *= 10;
        }
        for (long f : new long[] {1, 2, 4, 5, 10}) {
            if (f * magnitude >= max && (f * magnitude) % 4 == 0) {
                return f * magnitude;
            }
        }
        return ((max + 3) / 4) * 4;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
