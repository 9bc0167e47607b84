package io.breakwater.signaturerules;

/** The signature-rules store or a run failed (database trouble, not bad input). */
public class SignatureRulesException extends RuntimeException {
    public SignatureRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
