package org.onedoor.platform;

import java.sql.SQLException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Issue 16 item 3: two people (or two nodes) acting on the same task or record at the same moment.
 * One wins; the other's request is a conflict (HTTP 409 with a Chinese message), not a server
 * error, and is logged at INFO, not ERROR. What counts as such a race, anywhere in the cause chain:
 *
 * <ul>
 *   <li>the engine's {@link OptimisticLockingException} (the task, execution or variable changed
 *       since it was read);
 *   <li>a unique violation (SQLState 23505, Spring's {@link DuplicateKeyException}): two
 *       completions that both found no row yet and both insert it, e.g. {@code inspection_visit};
 *   <li>{@link TaskAlreadyClaimedException}: the task was claimed by somebody else meanwhile;
 *   <li>the process instance ended by the other request between reading the task and its
 *       executions ("list of executions is empty").
 * </ul>
 *
 * <p>A task that no longer exists when the second completion arrives is recognised by {@code
 * EngineApiGuard} (it needs the history to tell it from a task that never existed).
 */
public final class Conflicts {

  /** What the loser of a race reads in Tasklist or in our API's 409. */
  public static final String CONCURRENT_CHANGE =
      "此任务或记录刚刚已被他人同时办理，您的提交未生效；请刷新后查看最新状态"
          + " / changed by someone else at the same moment: your request was not applied, reload and check";
  public static final String ALREADY_CLAIMED =
      "此任务刚刚已被他人认领；请刷新任务列表 / the task was claimed by someone else at the same moment";
  public static final String TASK_GONE =
      "此任务已被办理完毕，不能再次提交；请刷新任务列表 / the task has already been completed";

  private Conflicts() {}

  /** The Chinese message for the loser when {@code e} is such a race, or null when it is not. */
  public static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TaskAlreadyClaimedException) {
        return ALREADY_CLAIMED;
      }
      if (t instanceof OptimisticLockingException || t instanceof DuplicateKeyException || uniqueViolation(t)
          || executionTreeGone(t)) {
        return CONCURRENT_CHANGE;
      }
    }
    return null;
  }

  public static boolean isConflict(Throwable e) {
    return message(e) != null;
  }

  /**
   * The engine read the task, then the process instance's executions after another transaction had
   * ended the instance: "Cannot restore state of process instance …: list of executions is empty".
   */
  private static boolean executionTreeGone(Throwable t) {
    return t instanceof org.camunda.bpm.engine.ProcessEngineException && t.getMessage() != null
        && t.getMessage().contains("Cannot restore state of process instance")
        && t.getMessage().contains("list of executions is empty");
  }

  private static boolean uniqueViolation(Throwable t) {
    if (!(t instanceof SQLException sql)) {
      return false;
    }
    for (SQLException s = sql; s != null; s = s.getNextException()) {
      if ("23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
