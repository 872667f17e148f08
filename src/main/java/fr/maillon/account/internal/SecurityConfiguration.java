package fr.maillon.account.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import fr.maillon.web.Problems;

/**
 * Two filter chains. {@code /api/**}: personal API tokens or the browser session, problem
 * details for 401 and 403, CSRF only for session requests. Pages: a password form, CSRF on every
 * form, and security headers (a CSP without inline script, no framing) everywhere. Sessions are
 * rows in the database: only a sign-in writes one (a stranger's CSRF token, the page asked before
 * signing in and the name last typed are kept in cookies).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI sets inline styles; its pages alone may use them. Scripts stay 'self'. */
    private static final String SWAGGER_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    /** Argon2 (bcrypt hashes still read), with a bounded number of hashes at once. */
    @Bean
    BoundedPasswordEncoder passwordEncoder(PasswordHashing hashing) {
        Map<String, PasswordEncoder> encoders = Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder());
        return new BoundedPasswordEncoder(new DelegatingPasswordEncoder("argon2", encoders), hashing);
    }

    /**
     * Spring Security's provider (which checks unknown usernames against a dummy hash) inside the
     * throttle and the hashing bound. Whether the account is locked or disabled is checked after
     * the password, and answered as a wrong password: nothing tells a stranger it exists.
     */
    @Bean
    AuthenticationManager authenticationManager(AccountUserDetailsService userDetails, PasswordEncoder encoder,
            SignInThrottle throttle, PasswordHashing hashing, ApplicationEventPublisher publisher) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
        provider.setPasswordEncoder(encoder);
        provider.setPreAuthenticationChecks(user -> {
        });
        provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        ProviderManager manager = new ProviderManager(new ThrottledAuthenticationProvider(provider, throttle, hashing));
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(publisher));
        return manager;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager authenticationManager,
            ApiTokenRepository tokens, UserRepository users, Clock clock) throws Exception {
        RequestMatcher tokenCreation = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/tokens");
        http.securityMatcher("/api/**")
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/api/docs", "/api/docs/**").permitAll()
                        .requestMatchers(tokenCreation).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, users, clock), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SessionValidityFilter(users, clock), AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.csrfTokenRepository(CsrfTokens.REPOSITORY).requireCsrfProtectionMatcher(request ->
                        !isSafe(request) && !BearerTokenFilter.hasBearer(request)
                        && request.getRequestedSessionId() != null))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, ex) -> problem(response, 401,
                                "Unauthorized", "Authentification requise : jeton d'API ou session."))
                        .accessDeniedHandler((request, response, ex) -> problem(response, 403,
                                "Forbidden", "Accès refusé.")))
                .headers(this::headers);
        return http.build();
    }

    /**
     * Pages opened by a link, without session or sign-in: public surveys (a submission key stores a
     * resend once), reports under review, shared reports, and live workshops (a participant is named
     * by a secret in a SameSite cookie of her own, the projector by its link).
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicLinkChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/s/**", "/review/**", "/r/**", "/w/**")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(this::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, AuthenticationManager authenticationManager,
            UserRepository users, Clock clock) throws Exception {
        http.authenticationManager(authenticationManager)
                .addFilterBefore(new SessionValidityFilter(users, clock), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/login", SignInRefusedException.PAGE, "/invitations/**", "/css/**", "/js/**",
                                "/webjars/**", "/favicon.ico", "/error", "/actuator/health", "/actuator/health/readiness",
                                "/actuator/health/liveness", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.csrfTokenRepository(CsrfTokens.REPOSITORY))
                .requestCache(cache -> cache.requestCache(pageAskedBeforeSignIn()))
                .formLogin(form -> form
                        .loginPage("/login")
                        .failureHandler(loginFailure())
                        .defaultSuccessUrl("/", false)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(pageEntryPoint()))
                .headers(this::headers);
        return http.build();
    }

    private void headers(HeadersConfigurer<HttpSecurity> headers) {
        HeaderWriter csp = (request, response) -> response.setHeader("Content-Security-Policy",
                isSwagger(request) ? SWAGGER_CSP : CSP);
        headers.frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .addHeaderWriter(csp)
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                        "camera=(), microphone=(), geolocation=(), payment=()"));
    }

    private static boolean isSwagger(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/swagger-ui/") || path.startsWith("/api/docs/ui");
    }

    private static boolean isSafe(HttpServletRequest request) {
        String method = request.getMethod();
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE");
    }

    /**
     * The page asked before signing in, kept in a cookie (no session for a stranger) to go back to
     * after: a page (GET, not an htmx fragment) of a reasonable address only.
     */
    private static CookieRequestCache pageAskedBeforeSignIn() {
        CookieRequestCache cache = new CookieRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null
                && request.getRequestURI().length() + (request.getQueryString() == null ? 0
                        : request.getQueryString().length()) <= 1_000);
        return cache;
    }

    /** Unauthenticated pages go to the sign-in form; an htmx request whose session ended reloads. */
    private static AuthenticationEntryPoint pageEntryPoint() {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, ex) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Refresh", "true");
                response.setStatus(401);
                return;
            }
            login.commence(request, response, ex);
        };
    }

    /**
     * Back to the form, with the name that was typed (in a cookie of a minute: a stranger's attempt
     * writes no session row): after a wrong password (or an unknown name, or an account not active:
     * the same answer), by a redirect; when the attempt was refused before any check, the form again
     * at once with 429, Retry-After and why.
     */
    private static AuthenticationFailureHandler loginFailure() {
        return (request, response, ex) -> {
            String username = request.getParameter("username");
            if (username != null) {
                LastUsername.remember(username, request, response);
            }
            if (ex instanceof SignInRefusedException refused) {
                response.setStatus(429);
                response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
                request.setAttribute(SignInRefusedException.REQUEST_ATTRIBUTE, refused);
                request.getRequestDispatcher(SignInRefusedException.PAGE).forward(request, response);
                return;
            }
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, int status, String title,
            String detail) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(Problems.json(status, title, detail).getBytes(StandardCharsets.UTF_8));
    }
}
