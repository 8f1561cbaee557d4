package org.onedoor.plan;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.stereotype.Component;

/** "录入公开信标" completed: the beacon is a value a third party published after the freeze. */
@Component
public class EnterBeaconListener implements TaskListener {

  static final int MAX_BEACON = 200;

  @Override
  public void notify(DelegateTask task) {
    validating(() -> {
      String beacon = Objects.toString(task.getVariable("beacon"), "").strip();
      if (beacon.isEmpty()) {
        throw new BadRequestException("beacon", "请录入冻结名单后由第三方公布的数值（如当日开奖号码）");
      }
      if (beacon.length() > MAX_BEACON) {
        throw new BadRequestException("beacon", "最长 " + MAX_BEACON + " 个字符");
      }
      task.setVariable("beacon", beacon);
    });
  }
}
