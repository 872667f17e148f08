package fr.maillon.web;

import java.util.Set;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The {@code /error} route, for failures that happen outside a controller (an unknown path,
 * a refusal by the security filters): a French page, or a problem detail under {@code /api/}.
 */
@Controller
class ErrorPages implements ErrorController {

    private static final Set<Integer> KNOWN = Set.of(400, 403, 404, 405, 409, 411, 413, 429, 500);

    @RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(HttpServletRequest request) {
        return view(request, status(request), null);
    }

    @RequestMapping("/error")
    Object problem(HttpServletRequest request) {
        int status = status(request);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && uri.startsWith(request.getContextPath() + "/api/")) {
            HttpStatus resolved = HttpStatus.valueOf(status);
            return ResponseEntity.status(resolved).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(resolved, resolved.getReasonPhrase()));
        }
        return view(request, status, null);
    }

    /** The error page, with the way back: the referring page of this site, else the home page. */
    static ModelAndView view(HttpServletRequest request, int status, String errorId) {
        int shown = KNOWN.contains(status) ? status : (status >= 500 ? 500 : 400);
        ModelAndView page = new ModelAndView("web/error");
        page.addObject("status", shown);
        page.addObject("errorId", errorId);
        page.addObject("back", BackLink.of(request));
        page.setStatus(HttpStatus.valueOf(status));
        return page;
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer status && HttpStatus.resolve(status) != null) {
            return status;
        }
        return 500;
    }
}
