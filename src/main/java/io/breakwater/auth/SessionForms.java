package io.breakwater.auth;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources whose state-changing endpoints are HTML forms posted by signed-in browsers: their form
 * is read before the filters so that {@link CsrfFilter} can check the {@value CsrfFilter#FORM_FIELD} field.
 * Everything else that a session could change needs the {@value CsrfFilter#HEADER} header instead.
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface SessionForms {
}
