package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

/** {@code url} and {@code user_comments}: protected fields, copied only when the reporter sent them. */
public final class UserDataRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        String url = ctx.firstAnnotation("URL", "url");
        if (url != null) ctx.processed().put("url", url);
        String comments = ctx.firstAnnotation("Comments", "comments");
        if (comments != null) ctx.processed().put("user_comments", comments);
    }
}
