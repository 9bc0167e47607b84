package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;
import io.breakwater.processor.SignatureComputer;

/** {@code signature}, {@code proto_signature}, {@code signature_debug} from the signature generator. */
public final class SignatureRule implements Rule {

    private final SignatureComputer computer;

    public SignatureRule(SignatureComputer computer) {
        this.computer = computer;
    }

    @Override
    public void action(ProcessingContext ctx) {
        SignatureComputer.Result result = computer.compute(ctx.rawCrash(), ctx.processed());
        ctx.processed().put("signature", result.signature() == null ? "" : result.signature());
        ctx.processed().put("proto_signature", result.protoSignature() == null ? "" : result.protoSignature());
        ctx.processed().put("signature_debug", String.join("\n", result.debug()));
        result.notes().forEach(ctx::note);
    }
}
