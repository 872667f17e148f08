package fr.maillon.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import fr.maillon.web.Problems.ApiError;

/**
 * A path variable or request parameter that does not read as its type ({@code /evaluations/abc},
 * {@code ?year=20x4}): a 400 naming the value's place in the address and what it should hold,
 * never the conversion's own text.
 */
final class MalformedArgument {

    private MalformedArgument() {
    }

    /** The API's answer: a problem detail whose one error names the value. */
    static ProblemDetail problem(MethodArgumentTypeMismatchException ex, MessageSource messages,
            HttpServletRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        return Problems.withInstance(Problems.of(HttpStatus.BAD_REQUEST,
                messages.getMessage("error.400.message", null, locale), List.of(describe(ex, messages, locale))),
                request);
    }

    /** Which value, and a sentence saying what it must be. */
    static ApiError describe(MethodArgumentTypeMismatchException ex, MessageSource messages, Locale locale) {
        Class<?> type = valueType(ex);
        String kind;
        String choices = "";
        if (type == null) {
            kind = "OTHER";
        }
        else if (type.isEnum()) {
            kind = "CHOICE";
            choices = Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.joining(", "));
        }
        else if (type == boolean.class || type == Boolean.class) {
            kind = "BOOLEAN";
        }
        else if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            kind = "NUMBER";
        }
        else {
            kind = "OTHER";
        }
        // a path variable's name is the code's, not the reader's: the sentence then speaks of "a number of this address"
        String place = ex.getParameter().hasParameterAnnotation(PathVariable.class) ? "PATH" : "QUERY";
        return new ApiError(ex.getName(), messages.getMessage("error.400.argument",
                new Object[] { ex.getName(), kind, choices, place }, locale));
    }

    /** The type one value must have: the element type of a list or array parameter. */
    private static @Nullable Class<?> valueType(MethodArgumentTypeMismatchException ex) {
        Class<?> type = ex.getRequiredType();
        if (type == null) {
            return null;
        }
        if (type.isArray()) {
            return type.getComponentType();
        }
        if (Collection.class.isAssignableFrom(type)) {
            return ResolvableType.forMethodParameter(ex.getParameter()).asCollection().resolveGeneric(0);
        }
        return type;
    }

}
