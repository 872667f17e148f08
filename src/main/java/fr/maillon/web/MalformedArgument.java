package fr.maillon.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.core.ResolvableType;
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
        return new ApiError(ex.getName(), messages.getMessage("error.400.argument",
                new Object[] { ex.getName(), kind, choices }, locale));
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
