package fr.maillon.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;


/**
 * Maps exceptions of page controllers once: unknown or foreign ids give the 404 page, refused
 * access the 403 page, anything else a 500 page that shows no exception text and logs an id.
 * Requests under {@code /api/} that reach no controller get a problem detail instead.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    private final MessageSource messages;

    PageExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler({ NotFoundException.class, NoResourceFoundException.class })
    Object notFound(Exception ex, HttpServletRequest request) {
        return page(request, HttpStatus.NOT_FOUND, null);
    }

    /** A path variable or parameter that does not read as its type: the 400 page says which, and what it holds. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object malformedArgument(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
        if (Problems.isApi(request)) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(MalformedArgument.problem(ex, messages, request));
        }
        ModelAndView page = ErrorPages.view(request, HttpStatus.BAD_REQUEST.value(), null);
        page.addObject("detail", MalformedArgument.describe(ex, messages, LocaleContextHolder.getLocale()).message());
        return page;
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object forbidden(HttpServletRequest request) {
        return page(request, HttpStatus.FORBIDDEN, null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object methodNotAllowed(HttpServletRequest request) {
        return page(request, HttpStatus.METHOD_NOT_ALLOWED, null);
    }

    @ExceptionHandler({ MissingServletRequestParameterException.class, MaxUploadSizeExceededException.class,
            RuleViolationException.class })
    Object badRequest(HttpServletRequest request) {
        return page(request, HttpStatus.BAD_REQUEST, null);
    }

    /**
     * Someone saved the item meanwhile and no form caught it to show both versions (forms do, with
     * {@link FormErrors#conflict}): a page saying so; nothing was overwritten.
     */
    @ExceptionHandler(ConcurrentEditException.class)
    Object concurrentEdit(HttpServletRequest request) {
        return page(request, HttpStatus.CONFLICT, null);
    }

    /** A rule the database enforces refused the input (e.g. a race on a unique name): nothing was written. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    Object dataIntegrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        log.info("Refused by the database on {} {}: {}", request.getMethod(), request.getRequestURI(),
                ex.getMostSpecificCause().getMessage());
        return page(request, HttpStatus.BAD_REQUEST, null);
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception ex, HttpServletRequest request) {
        if (RequestTooLargeException.causedBy(ex)) {
            return page(request, HttpStatus.CONTENT_TOO_LARGE, null);
        }
        if (ex instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            return page(request, HttpStatus.valueOf(known.getStatusCode().value()), null);
        }
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error {} on {} {}", errorId, request.getMethod(), request.getRequestURI(), ex);
        return page(request, HttpStatus.INTERNAL_SERVER_ERROR, errorId);
    }

    private static Object page(HttpServletRequest request, HttpStatus status, String errorId) {
        if (Problems.isApi(request)) {
            return ResponseEntity.status(status).body(
                    Problems.withInstance(Problems.of(status, status.getReasonPhrase()), request));
        }
        return ErrorPages.view(request, status.value(), errorId);
    }

}
