package io.breakwater.processor;

import java.util.List;

/** A named, ordered list of rules. */
public record RuleSet(String name, List<Rule> rules) {

    public RuleSet {
        rules = List.copyOf(rules);
    }

    public List<String> ruleNames() {
        return rules.stream().map(Rule::name).toList();
    }
}
