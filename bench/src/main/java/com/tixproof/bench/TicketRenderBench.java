package com.tixproof.bench;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import com.tixproof.pdf.LocalS3;
import com.tixproof.pdf.TicketFunction;
import com.tixproof.pdf.TicketRenderer;
import com.tixproof.pdf.TicketRequest;
import com.tixproof.pdf.Tickets;
import com.sun.management.OperatingSystemMXBean;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tickets per second on one thread: (a) a bare OpenPDF page with one line of text and no QR, the
 * floor of any OpenPDF document; (b) the full ticket (input validation, layout, QR of a token the
 * size the API signs) as the function renders it; (c) the whole function, render + a new key + a
 * PUT to S3Mock running in this JVM on 127.0.0.1 (its server threads run beside this one).
 *
 * <p>Run: {@code java -cp bench/target/bench.jar com.tixproof.bench.TicketRenderBench [seconds]}
 */
public final class TicketRenderBench {
  /** The size of the API's signed token: claims, payment proof and an Ed25519 signature, base64url. */
  private static final String TOKEN = ("eyJ2IjoxLCJwIjoiMDE5M2E0YjUtNmM3ZC03ZThmLTlhMGItMWMyZDNlNGY1YTZiIiwiZSI6IjAxOTNhNGI1LTZj"
      + "N2QtN2U4Zi05YTBiLTFjMmQzZTRmNWE2YyIsInEiOjIsImgiOiJhbmFAZXhhbXBsZS5jb20iLCJkIjoiNjE1OGUzMmYtN2ZkMi00Y2VmLTkzZmQt"
      + "ZDI5ZGQ3ODQzOWM0IiwicyI6IjRiZjVjMjE4YjQwYjE3N2U3ZjM0YzU5MDk4OTMyMDY2NjQxMTQ0ZWRkZmJiMmFjNWRjMTdmMDFjOWFmZTU0MzIifQ"
      + ".hV1k3mVb7N2wL0pR5sT8uY1zA4cD6eF9gH2jK5lM8nP1qR4sT7uV0wX3yZ6aB9cD2eF5gH8jK1lM4nP7qR0sT3uV6wX9yZ2aB5cD8eF1gH4jK");

  private TicketRenderBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    System.out.printf("Ticket rendering, one thread, %.0f s per measurement (after an equal warm-up); token %d chars%n",
        seconds, TOKEN.length());
    System.out.println("wall = calls per elapsed second; thread CPU = per second of this thread on a core (what a "
        + "shared, noisy machine does not steal); process CPU = per second of all the JVM's threads (GC, JIT, S3Mock)");
    Map<String, Object> input = Tickets.input(TOKEN);
    TicketRenderer renderer = new TicketRenderer();

    Rate bare = rate(TicketRenderBench::barePage, seconds);
    print("(a) bare OpenPDF page, no QR", bare, barePage().length);
    Rate full = rate(() -> renderer.render(TicketRequest.parse(input)), seconds);
    print("(b) full ticket with QR", full, renderer.render(TicketRequest.parse(input)).length);
    Rate stored;
    try (LocalS3 s3 = LocalS3.start(LocalS3.BUCKET)) {
      TicketFunction function = TicketFunction.fromEnv(s3.ticketEnv(LocalS3.BUCKET));
      stored = rate(() -> function.handle(input), seconds);
    }
    print("(c) render + store to S3Mock (loopback)", stored, -1);
    System.out.printf("b/a = %.3f wall, %.3f thread CPU (the QR and the layout cost %.3f ms of CPU over a bare page)%n",
        full.wall() / bare.wall(), full.threadCpu() / bare.threadCpu(), 1000 / full.threadCpu() - 1000 / bare.threadCpu());
    System.out.printf("c/b = %.3f wall, %.3f process CPU%n", stored.wall() / full.wall(), stored.processCpu() / full.processCpu());
    System.out.printf("target: ≥ 1,000 tickets/s per core rendered with their QR: %s (%,.0f per thread CPU second)%n",
        full.threadCpu() >= 1000 ? "met" : "not met", full.threadCpu());
  }

  private static void print(String what, Rate r, int bytes) {
    System.out.printf("%-42s %,9.0f/s wall  %,9.0f/s thread CPU  %,9.0f/s process CPU  (%.3f ms CPU each%s)%n",
        what, r.wall(), r.threadCpu(), r.processCpu(), 1000 / r.threadCpu(), bytes < 0 ? "" : ", " + bytes + " bytes");
  }

  static byte[] barePage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    Document document = new Document(PageSize.A4);
    try {
      PdfWriter.getInstance(document, out);
      document.open();
      document.add(new Paragraph("Ticket TX-7KQ2-M9ZD for Jazz Night"));
      document.close();
    } catch (DocumentException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Calls per second of wall time, of this thread's CPU time and of the process's CPU time. */
  record Rate(double wall, double threadCpu, double processCpu) {}

  /** Measures over the window, after an unmeasured warm-up of the same length. */
  static Rate rate(Supplier<?> call, double seconds) {
    run(call, seconds);
    return run(call, seconds);
  }

  private static Rate run(Supplier<?> call, double seconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long process0 = os.getProcessCpuTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long count = 0;
    long now;
    Object sink = null;
    do {
      sink = call.get();
      count++;
      now = System.nanoTime();
    } while (now < end);
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    long process = os.getProcessCpuTime() - process0;
    if (sink == null) {
      throw new IllegalStateException("a call returned nothing");
    }
    return new Rate(count / ((now - start) / 1e9), count / (cpu / 1e9), count / (process / 1e9));
  }
}
