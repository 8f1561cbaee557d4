package org.onedoor.platform.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's name in the cluster: the lock owner of the jobs its job executor runs and the owner
 * of the imports it leases ({@code onedoor.cluster.node-id}; by default host name and process id,
 * so two nodes on one machine differ and a restarted node is a new owner).
 */
@Component
public class ClusterNode {

  private final String id;

  public ClusterNode(@Value("${onedoor.cluster.node-id:}") String configured) {
    String name = configured == null || configured.isBlank() ? host() + "-" + ProcessHandle.current().pid() : configured.strip();
    this.id = name.length() > 100 ? name.substring(0, 100) : name;
  }

  public String id() {
    return id;
  }

  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "node";
    }
  }
}
