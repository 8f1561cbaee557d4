package org.onedoor.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Beans with this annotation are reachable from BPMN, DMN and filter expressions; no other bean
 * is. Delegates and listeners (JavaDelegate, TaskListener, ExecutionListener) are reachable
 * without it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProcessExpressionBean {}
