package com.tixproof.workers.worker;

/** {@code java -jar worker.jar}: joins the pool on {@code REDIS_URL} with {@code THREADS} threads; SIGTERM stops it cleanly. */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) {
    Worker worker = new Worker(WorkerConfig.fromEnv(System.getenv())).start();
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "worker-shutdown"));
  }
}
