package org.onedoor.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.camunda.bpm.webapp.impl.security.filter.headersec.provider.impl.ContentSecurityPolicyProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the Content-Security-Policy nonce of a webapp response (Tasklist, Cockpit, Admin, Welcome) with
 * its own request.
 *
 * <p>Camunda 7.24's header filter ({@link ContentSecurityPolicyProvider}) makes a fresh nonce for every
 * response under /camunda/app and /camunda/api and leaves it in the <em>ServletContext</em> attribute
 * {@value ContentSecurityPolicyProvider#ATTR_CSP_FILTER_NONCE}; the filter serving an app's index page
 * ({@code ProcessEnginesFilter}) reads it back from there for the page's script tags. Any webapp request
 * served in between (the API calls of a Tasklist in another tab, or of another person) overwrites it: the
 * page then names another response's nonce than its own header, the browser refuses every script of it
 * and the app stays at its start-up spinner until reloaded (a few percent of page loads while the API is
 * busy, {@code WebappPageNonceTest}). Ahead of Camunda's filters on the same paths, this filter hands them
 * a view of the ServletContext in which that one attribute lives in the request.
 */
public class CspNoncePerRequestFilter extends OncePerRequestFilter {

  static final String NONCE_ATTRIBUTE = ContentSecurityPolicyProvider.ATTR_CSP_FILTER_NONCE;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new NonceInRequest(request), response);
  }

  /** The request, whose ServletContext keeps the nonce in the request's attributes. */
  static final class NonceInRequest extends HttpServletRequestWrapper {

    private final ServletContext context;

    NonceInRequest(HttpServletRequest request) {
      super(request);
      this.context = nonceIn(request, request.getServletContext());
    }

    @Override
    public ServletContext getServletContext() {
      return context;
    }
  }

  /** {@code shared}, except that the nonce attribute is read, set and removed in {@code request}. */
  static ServletContext nonceIn(ServletRequest request, ServletContext shared) {
    return (ServletContext) Proxy.newProxyInstance(CspNoncePerRequestFilter.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
          if (args != null && args.length > 0 && NONCE_ATTRIBUTE.equals(args[0])) {
            switch (method.getName()) {
              case "getAttribute":
                return request.getAttribute(NONCE_ATTRIBUTE);
              case "setAttribute":
                request.setAttribute(NONCE_ATTRIBUTE, args[1]);
                return null;
              case "removeAttribute":
                request.removeAttribute(NONCE_ATTRIBUTE);
                return null;
              default:
                break;
            }
          }
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> "the ServletContext with the CSP nonce per request: " + shared;
            };
          }
          try {
            return method.invoke(shared, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
