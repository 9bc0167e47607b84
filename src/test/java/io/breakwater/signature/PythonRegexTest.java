package io.breakwater.signature;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Python regex spellings that Java reads differently are rewritten; everything else is left alone. */
class PythonRegexTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "abc; abc",
            "(?P<n>a)(?P=n); (?<n>a)\\k<n>",
            "end\\Z; end\\z",
            "{{impl}}; \\{\\{impl}}",
            "a{2}; a{2}",
            "a{2,}; a{2,}",
            "a{,3}; a{0,3}",
            "{2}; \\{2}",
            "[[a]; [\\[a]",
            "[]x]; []x]",
            "[^]x]; [^]x]",
            "[a&&b]; [a&\\&b]",
            "\\[x\\]; \\[x\\]",
            "\\{; \\{",
    })
    void translates(String python, String java) {
        assertEquals(java, PythonRegex.toJava(python));
    }
}
