package fr.maillon.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import fr.maillon.web.Problems.ApiError;

/** Every failure of a {@code /api/v1} controller becomes a problem detail; never a stack trace. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final MessageSource messages;

    ApiExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException ex, HttpServletRequest request) {
        return Problems.withInstance(Problems.of(HttpStatus.NOT_FOUND, message(ex.messageKey())), request);
    }

    /** A path variable or parameter that does not read as its type: 400, naming it and what it should hold. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badArgument(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
        return MalformedArgument.problem(ex, messages, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException ex, HttpServletRequest request) {
        return Problems.withInstance(Problems.of(HttpStatus.FORBIDDEN, message("error.403.message")), request);
    }

    @ExceptionHandler(RuleViolationException.class)
    ProblemDetail ruleViolation(RuleViolationException ex, HttpServletRequest request) {
        List<ApiError> errors = ex.violations().stream()
                .map(violation -> new ApiError(jsonPath(violation.field()), message(violation.code(), violation.arguments())))
                .toList();
        return Problems.withInstance(
                Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, message("error.invalid.message"), errors), request);
    }

    /**
     * Someone saved the item since the client read it (its {@code If-Match} version is stale):
     * 409, nothing written; the problem carries the version now stored, who saved it and when, and
     * the item as stored, so that the client can merge and send again with {@code If-Match: "<version>"}.
     */
    @ExceptionHandler(ConcurrentEditException.class)
    ResponseEntity<ProblemDetail> concurrentEdit(ConcurrentEditException ex, HttpServletRequest request) {
        Revision current = ex.current();
        String who = current.updatedBy() != null ? current.updatedBy() : message("web.concurrentEdit.someone");
        String detail = current.updatedAt() == null ? message("web.concurrentEdit.apiUndated", who)
                : message("web.concurrentEdit.api", who, current.updatedAt().toString());
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, detail);
        problem.setProperty("currentVersion", current.version());
        problem.setProperty("updatedBy", current.updatedBy());
        problem.setProperty("updatedAt", current.updatedAt() == null ? null : current.updatedAt().toString());
        problem.setProperty("current", ex.stored());
        return ResponseEntity.status(HttpStatus.CONFLICT).eTag(Versions.etag(current.version()))
                .body(Problems.withInstance(problem, request));
    }

    /** A rule the database enforces (a race on a unique name, a value out of its range): nothing was written. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail dataIntegrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        log.info("Refused by the database on {} {}: {}", request.getMethod(), request.getRequestURI(),
                ex.getMostSpecificCause().getMessage());
        return Problems.withInstance(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, message("error.integrity.message")),
                request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex, HttpServletRequest request) {
        if (RequestTooLargeException.causedBy(ex)) {
            return Problems.withInstance(tooLarge(), request);
        }
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error {} on {} {}", errorId, request.getMethod(), request.getRequestURI(), ex);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, message("error.500.message"));
        problem.setProperty("errorId", errorId);
        return Problems.withInstance(problem, request);
    }

    /** Unreadable JSON: the path of the value that could not be read, when Jackson knows it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (RequestTooLargeException.causedBy(ex)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge());
        }
        String path = "$";
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                path = Problems.jsonPath(databind.getPath());
                break;
            }
        }
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, message("error.json.message"),
                List.of(new ApiError(path, message("error.json.value")))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        List<ApiError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new ApiError(jsonPath(error.getField()), messages.getMessage(error, locale)))
                .toList();
        List<ApiError> global = ex.getBindingResult().getGlobalErrors().stream()
                .map(error -> new ApiError("$", messages.getMessage(error, locale)))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, message("error.invalid.message"),
                java.util.stream.Stream.concat(errors.stream(), global.stream()).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    private ProblemDetail tooLarge() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, message("error.413.message"));
    }

    /** Field names of a JSON body become JSON paths: {@code title} → {@code $.title}. */
    static String jsonPath(String field) {
        if (field.isEmpty()) {
            return "$";
        }
        return field.startsWith("$") ? field : "$." + field;
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, LocaleContextHolder.getLocale());
    }

}
