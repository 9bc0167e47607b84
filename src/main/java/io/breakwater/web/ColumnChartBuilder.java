package io.breakwater.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lays out a histogram's buckets, in their order, as SVG column-chart coordinates. */
final class ColumnChartBuilder {

    static final int WIDTH = 760;
    static final int HEIGHT = 220;
    static final int LEFT = 48;
    static final int RIGHT = 12;
    static final int TOP = 10;
    static final int BOTTOM = 34;
    /** At most this many x-axis labels, so dates stay readable. */
    static final int MAX_LABELS = 10;
    /** A lone bucket stays a column, not a wall. */
    static final int MAX_BAR = 48;

    private ColumnChartBuilder() {
    }

    record Point(String label, long count) {
    }

    static Views.ColumnChart build(List<Point> points) {
        if (points.isEmpty()) {
            return null;
        }
        long max = points.stream().mapToLong(Point::count).max().orElse(0);
        long top = GraphBuilder.niceCeiling(Math.max(1, max));
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double slot = plotW / points.size();
        double barW = Math.max(1, Math.min(slot * 0.8, MAX_BAR));
        int labelEvery = Math.max(1, (int) Math.ceil(points.size() / (double) MAX_LABELS));
        List<Views.ColumnBar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double h = plotH * p.count() / top;
            double x = LEFT + i * slot + (slot - barW) / 2;
            bars.add(new Views.ColumnBar(round(x), round(TOP + plotH - h), round(barW), round(h), p.label(),
                    i % labelEvery == 0, p.label() + ": " + p.count()));
        }
        List<Views.Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            long value = top * i / 4;
            ticks.add(new Views.Tick(round(TOP + plotH - plotH * value / top), String.format(Locale.ROOT, "%,d", value)));
        }
        return new Views.ColumnChart(WIDTH, HEIGHT, HEIGHT - BOTTOM, bars, ticks);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
