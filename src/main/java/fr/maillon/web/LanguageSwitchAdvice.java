package fr.maillon.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Where the language switch leads: the same page for a page that was read (GET), the home page
 * for one that answered a form (its address only takes POST).
 */
@ControllerAdvice(annotations = Controller.class)
class LanguageSwitchAdvice {

    @ModelAttribute("languageSwitchPath")
    String languageSwitchPath(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String failedUri ? failedUri
                : "GET".equals(request.getMethod()) ? request.getRequestURI() : "/";
        String path = uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : "/";
        return isLocalPath(path) ? path : "/";
    }

    /** Only a path of this site: never {@code //host} or {@code /\host}, which browsers read as another site. */
    static boolean isLocalPath(String path) {
        return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
    }
}
