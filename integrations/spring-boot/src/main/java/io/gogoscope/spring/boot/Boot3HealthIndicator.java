package io.gogoscope.spring.boot;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.policy.CircuitBreaker;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The circuit breakers' health contributor on Boot 3.5, whose health API is
 * {@code org.springframework.boot.actuate.health} (Boot 4 moved it to
 * {@code org.springframework.boot.health.contributor}, which this starter is compiled against).
 * The Boot 3 interface is not on the starter's compile class path, so the contributor is a proxy of
 * it, building Boot 3's {@code Health} through method handles looked up once; what it reports is
 * {@link CircuitBreakersHealth}'s, as on Boot 4.
 */
final class Boot3HealthIndicator implements InvocationHandler {
  static final String API = "org.springframework.boot.actuate.health.HealthIndicator";
  private static final String HEALTH = "org.springframework.boot.actuate.health.Health";

  private final CircuitBreakersHealth health;
  private final MethodHandle up;
  private final MethodHandle down;
  private final MethodHandle withDetail;
  private final MethodHandle build;

  private Boot3HealthIndicator(CircuitBreakersHealth health, ClassLoader loader) throws ReflectiveOperationException {
    this.health = health;
    Class<?> type = ClassUtils.forName(HEALTH, loader);
    Class<?> builder = ClassUtils.forName(HEALTH + "$Builder", loader);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    this.up = lookup.findStatic(type, "up", MethodType.methodType(builder));
    this.down = lookup.findStatic(type, "down", MethodType.methodType(builder));
    this.withDetail = lookup.findVirtual(builder, "withDetail", MethodType.methodType(builder, String.class, Object.class));
    this.build = lookup.findVirtual(builder, "build", MethodType.methodType(type));
  }

  /** A Boot 3 {@code HealthIndicator} reporting {@code health}. */
  static Object create(CircuitBreakersHealth health, ClassLoader loader) {
    try {
      Class<?> api = ClassUtils.forName(API, loader);
      return Proxy.newProxyInstance(loader, new Class<?>[] {api}, new Boot3HealthIndicator(health, loader));
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("Boot 3's health API (" + API + ") is not as gogoscope expects", e);
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    return switch (method.getName()) {
      case "health" -> health();
      case "toString" -> "CircuitBreakersHealthIndicator (Boot 3)";
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
          : throwUnsupported(method);
    };
  }

  private Object health() throws Throwable {
    List<CircuitBreaker.Status> breakers = health.breakers();
    Object builder = health.isDown(breakers) ? down.invoke() : up.invoke();
    for (CircuitBreaker.Status breaker : breakers) {
      builder = withDetail.invoke(builder, breaker.name(), breaker.state().name());
    }
    return build.invoke(builder);
  }

  private static Object throwUnsupported(Method method) {
    throw new UnsupportedOperationException(method.toString());
  }

  /**
   * Registers the Boot 3 contributor as {@code circuitBreakersHealthIndicator}, typed as Boot 3's
   * {@code HealthIndicator} so Actuator finds it by type, unless a bean of that name exists.
   */
  static final class Registrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware {
    private BeanFactory beans;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
      this.beans = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      if (registry.containsBeanDefinition(GogoscopeActuatorAutoConfiguration.HEALTH_BEAN)) {
        return;
      }
      ClassLoader loader = ClassUtils.getDefaultClassLoader();
      Class<?> api = ClassUtils.resolveClassName(API, loader);
      RootBeanDefinition definition = new RootBeanDefinition(api);
      definition.setInstanceSupplier(() -> create(new CircuitBreakersHealth(beans.getBean(ScopeRuntime.class),
          beans.getBean(GogoscopeProperties.class).getHealth().isOpenIsDown()), api.getClassLoader()));
      registry.registerBeanDefinition(GogoscopeActuatorAutoConfiguration.HEALTH_BEAN, definition);
    }
  }
}
