package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.platform.routing.RoutingDepartments;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 14, defect 3: a routing to a candidate group without members is reported at start-up. */
@OnedoorSpringTest
class CandidateGroupsHaveMembersTest {

  @Autowired CandidateGroupsHaveMembers check;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired OrganisationProperties organisation;
  @Autowired List<RoutingDepartments> scopes;

  @Test
  void everyGroupTheDeployedProcessesRouteToHasMembersInTheDemo() {
    assertThat(check.check()).isEmpty();
  }

  @Test
  void abnormalListingRoutesOnlyToTheRegistrationAuthoritysGroups() {
    assertThat(check.groups("abnormal-listing", "${department}-legal-reviewer")).containsExactly("market-legal-reviewer");
    assertThat(check.groups("risk-warning", "${department}-chief")).contains("market-chief", "culture-chief", "ecology-chief");
    assertThat(check.groups("joint-inspection", "${resultPublication.managerGroup(inspectionNumber)}")).isEmpty();
    assertThat(check.groups("x", "market-chief, role-manager")).containsExactly("market-chief", "role-manager");
  }

  @Test
  void aRoutingToAnEmptyGroupIsAWarnNamingProcessTaskAndGroup() {
    assertThat(check.check(group -> !group.equals("market-legal-reviewer"))).singleElement().satisfies(e -> {
      assertThat(e.processKey()).isEqualTo("abnormal-listing");
      assertThat(e.taskId()).isEqualTo("LegalReview");
      assertThat(e.group()).isEqualTo("market-legal-reviewer");
    });

    // a department nobody works in yet: its groups exist in no process's membership
    List<OrganisationProperties.Department> departments = new ArrayList<>(organisation.departments());
    departments.add(new OrganisationProperties.Department("tax", "税务局"));
    CandidateGroupsHaveMembers withTax = new CandidateGroupsHaveMembers(repository, identity,
        new OrganisationProperties(departments, List.of()), scopes);
    Logger logger = (Logger) LoggerFactory.getLogger(CandidateGroupsHaveMembers.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      withTax.reportAtStartUp();
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
        .contains("Routing to an empty candidate group: process risk-warning, task "
            + firstTaskRoutedTo("risk-warning", "chief") + ", group tax-chief has no members")
        .noneMatch(m -> m.contains("abnormal-listing"));
  }

  private String firstTaskRoutedTo(String process, String role) {
    var definition = repository.createProcessDefinitionQuery().processDefinitionKey(process).latestVersion().singleResult();
    var task = repository.getBpmnModelInstance(definition.getId())
        .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class).stream()
        .filter(t -> ("${department}-" + role).equals(t.getCamundaCandidateGroups())).findFirst().orElseThrow();
    return task.getId() + " (" + task.getName() + ")";
  }
}
