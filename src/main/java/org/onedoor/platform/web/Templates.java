package org.onedoor.platform.web;

import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Renders a JTE template (src/main/jte, precompiled at build time, HTML escaping on) to the UTF-8
 * bytes of a response body: encoded once, where a String body is encoded twice by Spring (for its
 * Content-Length, then to write it). For pages whose status, headers or caching a controller sets
 * itself; a plain page can return the template's name as its view.
 */
@Component
public class Templates {

  private final TemplateEngine engine;

  public Templates(TemplateEngine engine) {
    this.engine = engine;
  }

  /** The template's page with its parameters given as name, value pairs (a value may be null). */
  public byte[] utf8(String template, Object... namesAndValues) {
    Map<String, Object> params = new HashMap<>(namesAndValues.length);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    Utf8ByteOutput out = new Utf8ByteOutput();
    engine.render(template, params, out);
    return out.toByteArray();
  }

  public TemplateEngine engine() {
    return engine;
  }
}
