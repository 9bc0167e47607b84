package io.breakwater.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Day windows of the pages: parsing {@code days} and the date conditions of a window. */
final class Windows {

    static final List<Integer> TOP_CRASHER_DAYS = List.of(1, 3, 7, 14, 28);
    static final List<Integer> HOME_DAYS = List.of(1, 3, 7, 14, 28, 90);
    static final int MAX_DAYS = 180;

    private Windows() {
    }

    /** {@code days} as a number within 1..max, or the default when absent; bad values are refused. */
    static int days(String text, int fallback, List<Integer> allowed) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        int days;
        try {
            days = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadPageParameter("days must be a number of days, one of " + allowed);
        }
        if (!allowed.contains(days)) {
            throw new BadPageParameter("days must be one of " + allowed);
        }
        return days;
    }

    static int boundedDays(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int days = Integer.parseInt(text.trim());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadPageParameter("days must be a whole number from 1 to " + MAX_DAYS);
    }

    /** A paging offset: a whole number from 0, the default when absent. */
    static int nonNegative(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadPageParameter("offset must be a whole number from 0");
    }

    /** Date conditions for [end − days, end): Super Search's {@code date} grammar. */
    static void window(Query q, Instant end, int days) {
        q.add("date", ">=" + end.minus(days, ChronoUnit.DAYS));
        q.add("date", "<" + end);
    }

    static List<Views.Link> dayLinks(List<Integer> choices, int current, IntFunction<String> url) {
        List<Views.Link> links = new ArrayList<>();
        for (int d : choices) {
            links.add(new Views.Link(d + (d == 1 ? " day" : " days"), url.apply(d), d == current));
        }
        return links;
    }

    /** A page parameter the page cannot use: answered with a 400 page. */
    static final class BadPageParameter extends RuntimeException {
        BadPageParameter(String message) {
            super(message);
        }
    }
}
