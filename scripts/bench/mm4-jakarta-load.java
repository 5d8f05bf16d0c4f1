import jakarta.mail.*; import jakarta.mail.internet.*; import jakarta.activation.*; import jakarta.mail.util.ByteArrayDataSource;
import java.util.*; import java.util.concurrent.*; import java.util.concurrent.atomic.*; import java.io.*; import java.awt.image.BufferedImage; import javax.imageio.ImageIO;
import javax.net.SocketFactory; import java.net.*;
/** Independent MM4 load for bench comparisons: Jakarta Mail builds each MM4_forward.REQ (SMIL, UTF-8 text, a random-pixel JPEG) and sends it with its own SMTP transport, one connection per thread, no pipelining. NODELAY=1 in the environment turns Nagle off on the client (a client with Nagle waits about 40 ms per message for the delayed ACK). Run: java -Dw=660 -cp gomsggw-server.jar mm4-jakarta-load.java HOST PORT FROM TO THREADS WARMUP_S DURATION_S */
public class JmLoad {
  public static void main(String[] a) throws Exception {
    String host=a[0]; int port=Integer.parseInt(a[1]); String from=a[2], to=a[3]; int threads=Integer.parseInt(a[4]);
    long warm=Long.parseLong(a[5])*1_000_000_000L, dur=Long.parseLong(a[6])*1_000_000_000L;
    BufferedImage img=new BufferedImage(Integer.getInteger("w",150),120,BufferedImage.TYPE_INT_RGB); Random r=new Random(1);
    for(int x=0;x<img.getWidth();x++)for(int y=0;y<120;y++)img.setRGB(x,y,r.nextInt());
    ByteArrayOutputStream jb=new ByteArrayOutputStream(); ImageIO.write(img,"jpg",jb); byte[] jpeg=jb.toByteArray();
    System.out.println("jpeg bytes "+jpeg.length);
    Properties p=new Properties(); p.put("mail.smtp.host",host); p.put("mail.smtp.port",""+port); if(System.getenv("NODELAY")!=null) p.put("mail.smtp.socketFactory", new NoDelayFactory()); p.put("mail.smtp.from",from.substring(1)+"/TYPE=PLMN@pbx.example.net");
    Session s=Session.getInstance(p);
    long start=System.nanoTime(), mStart=start+warm, mEnd=mStart+dur;
    ConcurrentLinkedQueue<Long> lat=new ConcurrentLinkedQueue<>(); AtomicInteger fail=new AtomicInteger(); AtomicLong seq=new AtomicLong();
    List<Thread> ts=new ArrayList<>();
    for(int t=0;t<threads;t++){ Thread th=new Thread(()->{ try { Transport tr=s.getTransport("smtp"); tr.connect();
      while(System.nanoTime()<mEnd){ long n=seq.incrementAndGet(); String id="jm-"+start+"-"+n;
        MimeMessage m=new MimeMessage(s); m.setFrom(new InternetAddress(from+"/TYPE=PLMN@pbx.example.net"));
        m.setRecipient(Message.RecipientType.TO,new InternetAddress(to+"/TYPE=PLMN@gw.example.net"));
        m.setHeader("X-Mms-3GPP-MMS-Version","6.10.0"); m.setHeader("X-Mms-Message-Type","MM4_forward.REQ");
        m.setHeader("X-Mms-Transaction-ID",id); m.setHeader("X-Mms-Message-ID","<"+id+"@pbx.example.net>"); m.setHeader("X-Mms-Ack-Request","No");
        m.setSubject("photo","UTF-8"); m.setSentDate(new Date());
        MimeMultipart mp=new MimeMultipart("related");
        MimeBodyPart smil=new MimeBodyPart(); smil.setContent("<smil><body><par><img src=\"cid:p1\"/><text src=\"cid:t1\"/></par></body></smil>","application/smil"); smil.setContentID("<smil>"); mp.addBodyPart(smil);
        MimeBodyPart txt=new MimeBodyPart(); txt.setText("Hällo from Jakarta Mail "+n,"UTF-8"); txt.setContentID("<t1>"); mp.addBodyPart(txt);
        MimeBodyPart ph=new MimeBodyPart(); ph.setDataHandler(new DataHandler(new ByteArrayDataSource(jpeg,"image/jpeg"))); ph.setFileName("p.jpg"); ph.setContentID("<p1>"); ph.setHeader("Content-Transfer-Encoding","base64"); mp.addBodyPart(ph);
        m.setContent(mp); m.saveChanges();
        long t0=System.nanoTime();
        try { tr.sendMessage(m,m.getAllRecipients()); long t1=System.nanoTime(); if(t0>=mStart&&t1<=mEnd) lat.add(t1-t0);} catch(MessagingException e){ fail.incrementAndGet(); if(fail.get()<3) System.out.println(e); if(!tr.isConnected()) tr.connect(); }
      } tr.close(); } catch(Exception e){ e.printStackTrace(); } }); th.start(); ts.add(th);}
    for(Thread th:ts) th.join();
    List<Long> l=new ArrayList<>(lat); Collections.sort(l); int n=l.size();
    System.out.printf("jakarta-mail: %d accepted in %ds = %.0f/s, p50 %.2f ms p99 %.2f ms max %.2f ms, failures %d%n", n, dur/1_000_000_000L, n/(dur/1e9), l.get(n/2)/1e6, l.get(n*99/100)/1e6, l.get(n-1)/1e6, fail.get());
  }
}
class NoDelayFactory extends SocketFactory {
  public static SocketFactory getDefault(){ return new NoDelayFactory(); }
  private Socket nd(Socket s) throws IOException { s.setTcpNoDelay(true); return s; }
  public Socket createSocket() throws IOException { return nd(new Socket()); }
  public Socket createSocket(String h,int p) throws IOException { return nd(new Socket(h,p)); }
  public Socket createSocket(String h,int p,InetAddress l,int lp) throws IOException { return nd(new Socket(h,p,l,lp)); }
  public Socket createSocket(InetAddress h,int p) throws IOException { return nd(new Socket(h,p)); }
  public Socket createSocket(InetAddress h,int p,InetAddress l,int lp) throws IOException { return nd(new Socket(h,p,l,lp)); }
}
