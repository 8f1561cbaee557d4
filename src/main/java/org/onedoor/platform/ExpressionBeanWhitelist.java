package org.onedoor.platform;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Expressions in BPMN, DMN and stored filters see only whitelisted beans: those annotated
 * {@link ProcessExpressionBean} and the delegates and listeners models name. Without this, the
 * Spring starter exposes every bean of the application context (data sources, the identity
 * service, ...) to anyone who can write an expression.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ExpressionBeanWhitelist extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ExpressionBeanWhitelist.class);

  private final ApplicationContext applicationContext;

  public ExpressionBeanWhitelist(ApplicationContext applicationContext) {
    this.applicationContext = applicationContext;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(
        new SpringExpressionManager(applicationContext, new WhitelistedBeans(applicationContext)));
  }

  /**
   * Bean names are collected on first use, not at engine build time: looking up types then would
   * instantiate delegates that themselves depend on the engine being built.
   */
  static final class WhitelistedBeans extends AbstractMap<Object, Object> {
    private final ApplicationContext context;
    private volatile Set<String> names;

    WhitelistedBeans(ApplicationContext context) {
      this.context = context;
    }

    Set<String> names() {
      Set<String> current = names;
      if (current == null) {
        Set<String> collected = new TreeSet<>();
        collected.addAll(Arrays.asList(context.getBeanNamesForAnnotation(ProcessExpressionBean.class)));
        for (Class<?> type : new Class<?>[] {JavaDelegate.class, TaskListener.class, ExecutionListener.class}) {
          collected.addAll(Arrays.asList(context.getBeanNamesForType(type, false, false)));
        }
        current = Collections.unmodifiableSet(collected);
        names = current;
        log.info("beans reachable from process expressions: {}", current);
      }
      return current;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && names().contains(name);
    }

    @Override
    public Object get(Object key) {
      return containsKey(key) ? context.getBean((String) key) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      Set<Entry<Object, Object>> entries = new java.util.LinkedHashSet<>();
      for (String name : names()) {
        entries.add(new SimpleImmutableEntry<>(name, context.getBean(name)));
      }
      return entries;
    }
  }
}
