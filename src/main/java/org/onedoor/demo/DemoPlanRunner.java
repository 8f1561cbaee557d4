package org.onedoor.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.onedoor.catalog.Catalog.Item;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A newcomer sees the draw work: on the first start of the demo profile (after the demo slice is
 * loaded), one joint plan of market supervision, culture and fire rescue is drafted and taken
 * through review (陈静), sign-off (吴浩, 林海), publication, the draw date, the beacon and the draw,
 * each step by the demo user who owns it, through the same engine API Tasklist uses. Runs in the
 * background so start-up is not held up; the job executor does the asynchronous steps. The draw
 * date is today; the runner fires the draw-date timer at once and enters a beacon marked as a
 * demo value. Off with {@code onedoor.demo.run-plan=false}.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "onedoor.demo.run-plan", havingValue = "true")
public class DemoPlanRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoPlanRunner.class);
  private static final Duration WAIT = Duration.ofSeconds(120);
  static final List<String> DEPARTMENTS = List.of("market", "culture", "fire");

  private final PlanService plans;
  private final CatalogService catalog;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final FormService forms;
  private final ManagementService management;
  private final IdentityService identity;
  private final ZoneId zone;
  private final org.camunda.bpm.engine.ProcessEngine engine;
  private final Map<String, String> ratioOverrides;

  public DemoPlanRunner(PlanService plans, CatalogService catalog, RuntimeService runtime, TaskService tasks,
      FormService forms, ManagementService management, IdentityService identity,
      org.camunda.bpm.engine.ProcessEngine engine,
      @Value("${onedoor.calendar.zone:Asia/Shanghai}") String zone,
      @Value("${onedoor.demo.plan-ratio:}") String planRatio) {
    this.engine = engine;
    // the share drawn of every credit class, e.g. 0.6 (the cluster test draws a few hundred of the
    // slice's 500); empty: the sampling-ratio table's
    this.ratioOverrides = planRatio == null || planRatio.isBlank() ? Map.of()
        : Map.of("A", planRatio.strip(), "B", planRatio.strip(), "C", planRatio.strip(), "D", planRatio.strip());
    this.plans = plans;
    this.catalog = catalog;
    this.runtime = runtime;
    this.tasks = tasks;
    this.forms = forms;
    this.management = management;
    this.identity = identity;
    this.zone = ZoneId.of(zone);
  }

  static String number(LocalDate today) {
    return "DEMO-" + today.getYear() + "-001";
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(10) // after the demo slice is loaded (order 0)
  public void onReady() {
    LocalDate today = LocalDate.ofInstant(ClockUtil.now().toInstant(), zone);
    if (plans.find(number(today)).isPresent()) {
      return;
    }
    Thread runner = new Thread(() -> {
      try {
        run(today);
      } catch (RuntimeException e) {
        if (org.onedoor.platform.Conflicts.isConflict(e)) {
          // several nodes started together: another one drafted the demo plan first
          log.info("demo plan: made by another node ({})", e.getClass().getSimpleName());
        } else {
          log.error("demo plan: not taken through", e);
        }
      }
    }, "onedoor-demo-plan");
    runner.setDaemon(true);
    runner.start();
  }

  /** Drafts the demo plan and takes it through to the draw; returns the process instance. */
  public ProcessInstance run(LocalDate today) {
    Optional<Version> version = catalog.latestPublished();
    if (version.isEmpty()) {
      log.warn("demo plan: no published catalogue; skipped");
      return null;
    }
    List<DepartmentItems> items = new ArrayList<>();
    for (String department : DEPARTMENTS) {
      List<Item> first = catalog.items(version.get().versionNo(), department, 0, 1).items();
      if (first.isEmpty()) {
        log.warn("demo plan: the catalogue has no item of {}; skipped", department);
        return null;
      }
      items.add(new DepartmentItems(department, List.of(first.get(0).code())));
    }
    String number = number(today);
    LocalDate windowEnd = today.plusDays(30).getYear() == today.getYear()
        ? today.plusDays(30) : LocalDate.of(today.getYear(), 12, 31);
    plans.create(new PlanRequest(today.getYear(), number, today.getYear() + " 年市场、文化、消防联合双随机抽查（演示）",
        "untargeted", "market", items, PopulationFilter.any(), 2, false,
        List.of(new BatchWindow(today, windowEnd)), today, true, false, null, ratioOverrides), "chenjing", ClockUtil.now().toInstant());
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
        .processDefinitionKey(PlanService.PROCESS).singleResult();

    complete(instance, "ReviewPlan", "chenjing", Map.of("decision", "approve"));
    complete(instance, "SignOffPlan", "wuhao", Map.of("decision", "approve"));
    complete(instance, "SignOffPlan", "linhai", Map.of("decision", "approve"));
    // the draw date is today: fire its timer now rather than wait for 09:00 or the next working day; after
    // 09:00 on a working day the job executor may have fired it already, and the plan waits for the beacon
    Object drawDate = await(instance, () -> {
      Job timer = management.createJobQuery().processInstanceId(instance.getId()).activityId("WaitForDrawDate")
          .timers().singleResult();
      if (timer != null) {
        return timer;
      }
      return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("EnterBeacon").count() > 0
          ? "fired" : null;
    });
    if (drawDate instanceof Job timer) {
      runJob(timer.getId());
    }
    complete(instance, "EnterBeacon", "chenjing",
        Map.of("beacon", "演示信标 " + today + "（演示数据，非真实开奖号码）"));
    await(instance, () -> runtime.createProcessInstanceQuery().processInstanceId(instance.getId())
        .activityIdIn("EnterBeacon", "DrawEntities", "MatchInspectors").count() == 0 ? Boolean.TRUE : null);
    log.info("demo plan {} reviewed, signed off, published and drawn: GET /public/api/draws/{}-b1", number, number);
    return instance;
  }

  private boolean jobExecutorActive() {
    var executor = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration()).getJobExecutor();
    return executor != null && executor.isActive();
  }

  private void complete(ProcessInstance instance, String activity, String user, Map<String, Object> variables) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    Task task = await(instance, () -> tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(activity).taskCandidateUser(user).list().stream().findFirst().orElse(null));
    identity.setAuthentication(user, groups);
    try {
      tasks.claim(task.getId(), user);
      forms.submitTaskForm(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /**
   * Runs a job by hand. The job executor (starting up meanwhile, or on another node) may run the same
   * job at the same moment: the loser's conflict only means the job is done, and the runner goes on.
   */
  private void runJob(String jobId) {
    try {
      management.executeJob(jobId);
    } catch (RuntimeException e) {
      if (!org.onedoor.platform.Conflicts.isConflict(e)
          && management.createJobQuery().jobId(jobId).count() > 0) {
        throw e;
      }
      log.info("demo plan: job {} was run by the job executor ({})", jobId, e.getClass().getSimpleName());
    }
  }

  /** Waits for the job executor; where it is off (tests, a UI-only node), runs the due jobs itself. */
  private <T> T await(ProcessInstance instance, java.util.function.Supplier<T> condition) {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      T value = condition.get();
      if (value != null) {
        return value;
      }
      if (!jobExecutorActive()) {
        management.createJobQuery().processInstanceId(instance.getId()).executable().list()
            .forEach(job -> runJob(job.getId()));
        continue;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("demo plan: process " + instance.getId() + " did not get there in " + WAIT);
  }
}
