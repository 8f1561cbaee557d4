package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onedoor.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.onedoor.OnedoorSpringTest;

/**
 * The {@code workdays} bean from BPMN: Camunda takes the Date as it is for task due dates and
 * timers, and picks the right overload for Date, String and number arguments. Same context as
 * {@link CalendarControllerTest}.
 */
@OnedoorSpringTest
class WorkdaysInProcessTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired private RepositoryService repositoryService;
  @Autowired private RuntimeService runtimeService;
  @Autowired private TaskService taskService;
  @Autowired private ManagementService managementService;

  private String deploymentId;

  @AfterEach
  void cleanUp() {
    TestClock.reset();
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  private static Date shanghai(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  @Test
  void dueDatesAndTimersFromExpressions() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("calendarProbe")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .parallelGateway("fork")
            .userTask("now3")
            .camundaDueDate("${workdays.plusWorkingDays(3)}")
            .endEvent()
            .moveToNode("fork")
            .userTask("fromDate")
            .camundaDueDate("${workdays.plusWorkingDays(start, 20)}")
            .endEvent()
            .moveToNode("fork")
            .userTask("fromText")
            .camundaDueDate("${workdays.plusWorkingDays('2026-02-13', 6)}")
            .endEvent()
            .moveToNode("fork")
            .userTask("calendarDays")
            .camundaDueDate("${workdays.plusDays(septemberFirst, 30)}")
            .endEvent()
            .moveToNode("fork")
            .intermediateCatchEvent("reminder")
            .timerWithDate("${workdays.minusWorkingDays(deadline, 5)}")
            .endEvent()
            .done();
    deploymentId =
        repositoryService
            .createDeployment()
            .addModelInstance("calendarProbe.bpmn", model)
            .deploy()
            .getId();

    // Fri 2026-11-27 10:00: + 3 working days = Wed 2026-12-02 10:00
    ClockUtil.setCurrentTime(shanghai("2026-11-27T10:00:00"));
    ProcessInstance instance =
        runtimeService.startProcessInstanceByKey(
            "calendarProbe",
            Map.of(
                "start", shanghai("2026-09-28T10:00:00"),
                "septemberFirst", shanghai("2026-09-01T09:15:00"),
                "deadline", shanghai("2026-10-12T17:00:00")));

    assertThat(dueDate(instance, "now3")).isEqualTo(shanghai("2026-12-02T10:00:00"));
    // Mon 09-28 + 20 working days = Fri 10-30
    assertThat(dueDate(instance, "fromDate")).isEqualTo(shanghai("2026-10-30T10:00:00"));
    // Fri 02-13 + 6 = make-up Sat 02-28; a date alone ends at 23:59:59
    assertThat(dueDate(instance, "fromText")).isEqualTo(shanghai("2026-02-28T23:59:59"));
    // 09-01 + 30 days = Thu 10-01 (国庆节) -> Thu 10-08
    assertThat(dueDate(instance, "calendarDays")).isEqualTo(shanghai("2026-10-08T09:15:00"));
    // 5 working days before Mon 10-12: 10-10, 10-09, 10-08, 09-30, 09-29
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .timers()
                .singleResult()
                .getDuedate())
        .isEqualTo(shanghai("2026-09-29T17:00:00"));
  }

  private Date dueDate(ProcessInstance instance, String taskKey) {
    return taskService
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey)
        .singleResult()
        .getDueDate();
  }
}
